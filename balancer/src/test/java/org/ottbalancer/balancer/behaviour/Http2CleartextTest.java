package org.ottbalancer.balancer.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ottbalancer.balancer.harness.BalancerFixture.QUIET;
import static org.ottbalancer.balancer.harness.BalancerFixture.WAIT;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http2.DefaultHttp2DataFrame;
import io.netty.handler.codec.http2.DefaultHttp2Headers;
import io.netty.handler.codec.http2.DefaultHttp2HeadersFrame;
import io.netty.handler.codec.http2.Http2FrameCodecBuilder;
import io.netty.handler.codec.http2.Http2Headers;
import io.netty.handler.codec.http2.Http2MultiplexHandler;
import io.netty.handler.codec.http2.Http2StreamChannel;
import io.netty.handler.codec.http2.Http2StreamChannelBootstrap;
import io.netty.handler.codec.http2.Http2StreamFrameToHttpObjectCodec;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ottbalancer.balancer.harness.BalancerFixture;
import org.ottbalancer.balancer.harness.Eventually;
import org.ottbalancer.balancer.harness.HttpReply;
import org.ottbalancer.balancer.harness.MockMonolith;
import org.ottbalancer.balancer.harness.RecordedRequest;
import org.ottbalancer.balancer.harness.RunningBalancer;
import org.ottbalancer.balancer.harness.TestLimits;

/**
 * Spec §1: cleartext HTTP/2 on the client port, both by {@code Upgrade: h2c} (what the JDK client
 * does) and by prior knowledge (what Fly.io's proxy does with {@code h2_backend}); every stream is
 * routed like an HTTP/1.1 request.
 */
class Http2CleartextTest {
    private static final byte[] PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] EMPTY_SETTINGS = {0, 0, 0, 4, 0, 0, 0, 0, 0};
    private static final int SETTINGS_FRAME = 4;
    private static final int SETTINGS_MAX_CONCURRENT_STREAMS = 3;

    @RegisterExtension
    final BalancerFixture fx = new BalancerFixture();

    private final HttpClient h2 = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_2)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(WAIT)
            .build();
    private final List<PriorKnowledgeClient> priorKnowledgeClients = new ArrayList<>();

    @AfterEach
    void closeClients() {
        priorKnowledgeClients.forEach(PriorKnowledgeClient::close);
    }

    private RunningBalancer balancerWith(MockMonolith m) {
        RunningBalancer b = fx.balancer();
        b.connect(m);
        return b;
    }

    private static HttpRequest.Builder request(RunningBalancer b, String pathAndQuery) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + b.port() + pathAndQuery)).timeout(WAIT);
    }

    private HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return h2.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new AssertionError("HTTP/2 request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** The JDK client upgrades on its first request and keeps that HTTP/2 connection for the rest. */
    private void upgradeConnection(RunningBalancer b) {
        HttpResponse<String> first = send(request(b, "/api/status").GET());
        assertEquals(HttpClient.Version.HTTP_2, first.version(), "the h2c upgrade must have succeeded");
    }

    private static <T> T await(CompletableFuture<T> future) {
        try {
            return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError("request failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("no answer within " + WAIT, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private PriorKnowledgeClient priorKnowledge(RunningBalancer b) {
        PriorKnowledgeClient client = new PriorKnowledgeClient(b.port());
        priorKnowledgeClients.add(client);
        return client;
    }

    private static Http2Headers get(RunningBalancer b, String path) {
        return new DefaultHttp2Headers().method("GET").path(path).scheme("http").authority("127.0.0.1:" + b.port());
    }

    /** True if the server ends the connection (EOF or reset) before {@code timeout}. */
    private static boolean closedByServerWithin(Socket socket, Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // the server's SETTINGS and GOAWAY come first
            }
            return true;
        } catch (SocketException reset) {
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        }
    }

    // ------------------------------------------------------------------ Upgrade: h2c

    @Test
    void statusIsAnsweredOverHttp2AfterAnH2cUpgrade() {
        RunningBalancer b = fx.balancer();

        HttpResponse<String> r = send(request(b, "/api/status").GET());

        assertEquals(HttpClient.Version.HTTP_2, r.version());
        assertEquals(200, r.statusCode());
        assertEquals("OK", r.body());
    }

    @Test
    void proxiedGetOverHttp2ReachesTheMonolithAndItsAnswerComesBack() {
        MockMonolith m = fx.monolith();
        RunningBalancer b = balancerWith(m);
        m.respondWith(req -> HttpReply.of(200, "hello from the monolith").withHeader("X-From", "monolith"));
        upgradeConnection(b);

        HttpResponse<String> r = send(request(b, "/api/data/thing?x=1").header("X-Custom", "yes").GET());

        assertEquals(HttpClient.Version.HTTP_2, r.version());
        assertEquals(200, r.statusCode());
        assertEquals("monolith", r.headers().firstValue("X-From").orElse(null));
        assertEquals("hello from the monolith", r.body());
        RecordedRequest received = m.awaitHttpRequest(WAIT);
        assertEquals("GET", received.method());
        assertEquals("/api/data/thing?x=1", received.uri());
        assertEquals("yes", received.header("X-Custom"));
    }

    @Test
    void proxiedPostOverHttp2CarriesItsBodyToTheMonolith() {
        MockMonolith m = fx.monolith();
        RunningBalancer b = balancerWith(m);
        m.respondWith(req -> HttpReply.of(201, "{\"success\":true}"));
        upgradeConnection(b);

        HttpResponse<String> r = send(request(b, "/api/room/generate")
                .POST(HttpRequest.BodyPublishers.ofString("{\"title\":\"the body\"}")));

        assertEquals(HttpClient.Version.HTTP_2, r.version());
        assertEquals(201, r.statusCode());
        assertEquals("{\"success\":true}", r.body());
        RecordedRequest received = m.awaitHttpRequest(WAIT);
        assertEquals("POST", received.method());
        assertEquals("{\"title\":\"the body\"}", received.body());
    }

    @Test
    void nettysHttp2BookkeepingHeadersNeverReachTheMonolith() {
        MockMonolith m = fx.monolith();
        RunningBalancer b = balancerWith(m);
        upgradeConnection(b);

        send(request(b, "/api/data/thing").GET());

        RecordedRequest received = m.awaitHttpRequest(WAIT);
        for (String name : received.headers().keySet()) {
            assertFalse(name.startsWith("x-http2-"), "leaked header " + name);
        }
        assertEquals("127.0.0.1:" + b.port(), received.header("Host"), ":authority becomes Host");
    }

    @Test
    void severalConcurrentRequestsOnOneHttp2ConnectionEachGetTheirOwnAnswer() {
        MockMonolith m = fx.monolith();
        RunningBalancer b = balancerWith(m);
        m.respondWith(req -> HttpReply.of(200, "answer to " + req.uri()));
        upgradeConnection(b);

        List<CompletableFuture<HttpResponse<String>>> pending = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            pending.add(h2.sendAsync(request(b, "/api/data/" + i).GET().build(), HttpResponse.BodyHandlers.ofString()));
        }

        for (int i = 0; i < 20; i++) {
            HttpResponse<String> r = await(pending.get(i));
            assertEquals(HttpClient.Version.HTTP_2, r.version());
            assertEquals("answer to /api/data/" + i, r.body());
        }
    }

    @Test
    void aStreamWaitingForTheMonolithDoesNotHoldUpAnotherStream() {
        MockMonolith m = fx.monolith();
        RunningBalancer b = balancerWith(m);
        m.respondWith(req -> req.uri().equals("/slow") ? HttpReply.NEVER : HttpReply.of(200, "fast"));
        upgradeConnection(b);

        CompletableFuture<HttpResponse<String>> slow = h2.sendAsync(request(b, "/slow").GET().build(),
                HttpResponse.BodyHandlers.ofString());
        Eventually.await(WAIT, "the slow request reached the monolith",
                () -> m.httpRequests().stream().anyMatch(r -> r.uri().equals("/slow")));
        HttpResponse<String> fast = send(request(b, "/fast").GET());

        assertEquals("fast", fast.body());
        assertFalse(slow.isDone(), "the slow stream is still waiting for its monolith");
    }

    @Test
    void requestBodyOverTheLimitOnAStreamIsAnswered413WithoutReachingAMonolith() {
        MockMonolith m = fx.monolith();
        RunningBalancer b = fx.balancer(c -> c.withLimits(TestLimits.fast().maxHttpBodyBytes(1024).build()));
        b.connect(m);
        upgradeConnection(b);

        HttpResponse<String> r = send(request(b, "/api/data/upload")
                .POST(HttpRequest.BodyPublishers.ofString("x".repeat(4096))));

        assertEquals(413, r.statusCode());
        Eventually.pauseFor(QUIET);
        assertEquals(List.of(), m.httpRequests());
    }

    @Test
    void http2RequestsAreCountedInTheHttpRequestsMetric() {
        RunningBalancer b = fx.balancer();
        upgradeConnection(b);
        send(request(b, "/api/status").GET());

        String scrape = send(request(b, "/api/status/metrics").GET()).body();

        double counted = scrape.lines().filter(l -> l.startsWith("balancer_http_requests "))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst().orElse(-1);
        assertEquals(3.0, counted, "the upgrade request, the status request and the scrape itself");
    }

    // ------------------------------------------------------------------ prior knowledge

    @Test
    void statusIsAnsweredOverPriorKnowledgeHttp2() {
        RunningBalancer b = fx.balancer();

        PriorKnowledgeClient.Reply r = priorKnowledge(b).send(get(b, "/api/status"), null);

        assertEquals(200, r.status());
        assertEquals("OK", r.body());
    }

    @Test
    void proxiedPostOverPriorKnowledgeHttp2ReachesTheMonolith() {
        MockMonolith m = fx.monolith();
        RunningBalancer b = balancerWith(m);
        m.respondWith(req -> HttpReply.of(200, "got " + req.body()));
        Http2Headers post = get(b, "/api/data/thing").method("POST").add("content-type", "text/plain");

        PriorKnowledgeClient.Reply r = priorKnowledge(b).send(post, "the body");

        assertEquals(200, r.status());
        assertEquals("got the body", r.body());
        RecordedRequest received = m.awaitHttpRequest(WAIT);
        assertEquals("POST", received.method());
        assertEquals("the body", received.body());
    }

    @Test
    void roomRequestWithWebSocketHeadersOverHttp2IsProxiedLikeAnyRoomRequest() {
        MockMonolith m = fx.monolith();
        RunningBalancer b = balancerWith(m);
        m.respondWith(req -> HttpReply.of(200, "room page"));
        Http2Headers wsLike = get(b, "/api/room/foo")
                .add("sec-websocket-key", "dGhlIHNhbXBsZSBub25jZQ==")
                .add("sec-websocket-version", "13");

        PriorKnowledgeClient.Reply r = priorKnowledge(b).send(wsLike, null);

        assertEquals(200, r.status());
        assertEquals("room page", r.body());
        assertEquals("/api/room/foo", m.awaitHttpRequest(WAIT).uri());
    }

    @Test
    void stateStreamOverHttp2IsRefusedAsNotAWebSocket() {
        RunningBalancer b = fx.balancer();
        Http2Headers stream = get(b, "/api/state/stream").add("authorization", "Bearer " + BalancerFixture.API_KEY);

        PriorKnowledgeClient.Reply r = priorKnowledge(b).send(stream, null);

        assertEquals(400, r.status());
        assertEquals("expected websocket connection", r.body());
    }

    @Test
    void serverAdvertisesAtMostOneHundredConcurrentStreams() throws IOException {
        RunningBalancer b = fx.balancer();

        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", b.port()));
            socket.setSoTimeout((int) WAIT.toMillis());
            socket.getOutputStream().write(PREFACE);
            socket.getOutputStream().write(EMPTY_SETTINGS);
            socket.getOutputStream().flush();

            assertEquals(100L, advertisedSetting(new DataInputStream(socket.getInputStream()), SETTINGS_MAX_CONCURRENT_STREAMS));
        }
    }

    @Test
    void aStreamBeyondOneHundredConcurrentOnesIsRefused() throws IOException {
        MockMonolith m = fx.monolith();
        RunningBalancer b = balancerWith(m);
        m.respondWith(req -> HttpReply.NEVER);

        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", b.port()));
            socket.setSoTimeout((int) WAIT.toMillis());
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(PREFACE);
            out.write(EMPTY_SETTINGS);
            for (int stream = 1; stream <= 201; stream += 2) {
                out.write(RawFrames.frame(RawFrames.HEADERS, RawFrames.END_STREAM | RawFrames.END_HEADERS, stream,
                        RawFrames.GET_ROOT));
            }
            socket.getOutputStream().write(out.toByteArray());
            socket.getOutputStream().flush();

            RawFrames.Frame reset = RawFrames.awaitFrame(new DataInputStream(socket.getInputStream()),
                    f -> f.type() == RawFrames.RST_STREAM || f.type() == RawFrames.GOAWAY);
            assertEquals(RawFrames.RST_STREAM, reset.type());
            assertEquals(201, reset.stream(), "the 101st stream");
            assertEquals(RawFrames.REFUSED_STREAM, reset.errorCode());
        }
    }

    @Test
    void requestHeadersLargerThanTheLimitAreAnswered431WithoutReachingAMonolith() throws IOException {
        MockMonolith m = fx.monolith();
        RunningBalancer b = balancerWith(m);

        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", b.port()));
            socket.setSoTimeout((int) WAIT.toMillis());
            byte[] block = RawFrames.concat(RawFrames.GET_ROOT, RawFrames.literalHeader("x-big", "a".repeat(20_000)));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(PREFACE);
            out.write(EMPTY_SETTINGS);
            out.write(RawFrames.frame(RawFrames.HEADERS, RawFrames.END_STREAM, 1, Arrays.copyOf(block, 16_000)));
            out.write(RawFrames.frame(RawFrames.CONTINUATION, RawFrames.END_HEADERS, 1,
                    Arrays.copyOfRange(block, 16_000, block.length)));
            socket.getOutputStream().write(out.toByteArray());
            socket.getOutputStream().flush();

            RawFrames.Frame answer = RawFrames.awaitFrame(new DataInputStream(socket.getInputStream()),
                    f -> f.stream() == 1 || f.type() == RawFrames.GOAWAY);
            assertEquals(RawFrames.HEADERS, answer.type(), "an answer on the stream, not a connection error");
            assertEquals("431", answer.literalStatus());
        }
        Eventually.pauseFor(QUIET);
        assertEquals(List.of(), m.httpRequests());
    }

    /** Reads the server's first frame, which must be SETTINGS, and returns one of its values (null if absent). */
    private static Long advertisedSetting(DataInputStream in, int id) throws IOException {
        int length = (in.readUnsignedByte() << 16) | in.readUnsignedShort();
        int type = in.readUnsignedByte();
        in.readUnsignedByte(); // flags
        in.readInt(); // stream id
        assertEquals(SETTINGS_FRAME, type, "the server preface is a SETTINGS frame");
        Long found = null;
        for (int read = 0; read < length; read += 6) {
            int settingId = in.readUnsignedShort();
            long value = in.readInt() & 0xffffffffL;
            if (settingId == id) {
                found = value;
            }
        }
        return found;
    }

    @Test
    void http2ConnectionThatSendsNoRequestIsClosedAfterTheHandshakeTimeout() throws IOException {
        RunningBalancer b = fx.balancer(c -> c.withLimits(
                TestLimits.fast().httpHandshakeTimeout(Duration.ofMillis(300)).build()));

        try (Socket idle = new Socket()) {
            idle.connect(new InetSocketAddress("127.0.0.1", b.port()));
            idle.getOutputStream().write(PREFACE);
            idle.getOutputStream().write(EMPTY_SETTINGS);
            idle.getOutputStream().flush();

            assertTrue(closedByServerWithin(idle, WAIT), "a connection sending only the preface must be closed");
        }
    }

    @Test
    void http2ConnectionStaysOpenPastTheHandshakeTimeoutOnceARequestArrived() {
        Duration handshake = Duration.ofMillis(300);
        RunningBalancer b = fx.balancer(c -> c.withLimits(TestLimits.fast().httpHandshakeTimeout(handshake).build()));
        PriorKnowledgeClient client = priorKnowledge(b);
        assertEquals(200, client.send(get(b, "/api/status"), null).status());

        Eventually.pauseFor(handshake.multipliedBy(2));

        assertTrue(client.connected(), "the connection outlived the request-head deadline");
        assertEquals(200, client.send(get(b, "/api/status"), null).status());
    }

    @Test
    void http11ClientsStillGetHttp11Answers() {
        RunningBalancer b = fx.balancer();

        HttpResponse<String> r = b.http().get("/api/status");

        assertEquals(HttpClient.Version.HTTP_1_1, r.version());
        assertEquals("OK", r.body());
        assertNull(r.headers().firstValue("upgrade").orElse(null));
    }

    /** Just enough HTTP/2 framing and HPACK to send what a well-behaved client library would refuse to. */
    private static final class RawFrames {
        static final int HEADERS = 1;
        static final int RST_STREAM = 3;
        static final int GOAWAY = 7;
        static final int CONTINUATION = 9;
        static final int END_STREAM = 0x1;
        static final int END_HEADERS = 0x4;
        static final long REFUSED_STREAM = 7;
        /** HPACK static-table entries: :method GET, :scheme http, :path /. */
        static final byte[] GET_ROOT = {(byte) 0x82, (byte) 0x86, (byte) 0x84};

        record Frame(int type, int flags, int stream, byte[] payload) {
            long errorCode() {
                int at = type == GOAWAY ? 4 : 0;
                return ((payload[at] & 0xffL) << 24) | ((payload[at + 1] & 0xff) << 16) | ((payload[at + 2] & 0xff) << 8)
                        | (payload[at + 3] & 0xff);
            }

            /** {@code :status} of a HEADERS frame that sends it as a literal with the static-table name (index 8). */
            String literalStatus() {
                assertEquals(8, payload[0] & 0x0f, ":status sent as a literal with an indexed name");
                int length = payload[1] & 0x7f;
                return new String(payload, 2, length, StandardCharsets.US_ASCII);
            }

            @Override
            public String toString() {
                return "Frame[type=" + type + ", flags=" + flags + ", stream=" + stream + ", length=" + payload.length + "]";
            }
        }

        static byte[] frame(int type, int flags, int stream, byte[] payload) {
            byte[] f = new byte[9 + payload.length];
            f[0] = (byte) (payload.length >>> 16);
            f[1] = (byte) (payload.length >>> 8);
            f[2] = (byte) payload.length;
            f[3] = (byte) type;
            f[4] = (byte) flags;
            f[5] = (byte) (stream >>> 24);
            f[6] = (byte) (stream >>> 16);
            f[7] = (byte) (stream >>> 8);
            f[8] = (byte) stream;
            System.arraycopy(payload, 0, f, 9, payload.length);
            return f;
        }

        /** A literal header field without indexing, new name (RFC 7541 §6.2.2), no Huffman coding. */
        static byte[] literalHeader(String name, String value) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(0);
            string(out, name);
            string(out, value);
            return out.toByteArray();
        }

        private static void string(ByteArrayOutputStream out, String s) {
            byte[] bytes = s.getBytes(StandardCharsets.US_ASCII);
            int length = bytes.length;
            if (length < 127) {
                out.write(length);
            } else {
                out.write(127);
                length -= 127;
                while (length >= 128) {
                    out.write((length & 0x7f) | 0x80);
                    length >>>= 7;
                }
                out.write(length);
            }
            out.writeBytes(bytes);
        }

        static byte[] concat(byte[] a, byte[] b) {
            byte[] both = Arrays.copyOf(a, a.length + b.length);
            System.arraycopy(b, 0, both, a.length, b.length);
            return both;
        }

        static Frame read(DataInputStream in) throws IOException {
            int length = (in.readUnsignedByte() << 16) | in.readUnsignedShort();
            int type = in.readUnsignedByte();
            int flags = in.readUnsignedByte();
            int stream = in.readInt() & 0x7fffffff;
            byte[] payload = new byte[length];
            in.readFully(payload);
            return new Frame(type, flags, stream, payload);
        }

        /** Reads frames until one matches; fails on timeout or end of stream. */
        static Frame awaitFrame(DataInputStream in, Predicate<Frame> wanted) throws IOException {
            while (true) {
                Frame f = read(in);
                if (wanted.test(f)) {
                    return f;
                }
            }
        }
    }

    /**
     * A minimal HTTP/2 client that starts with the connection preface (no upgrade): one connection,
     * one stream per {@link #send}, the response aggregated.
     */
    private static final class PriorKnowledgeClient implements AutoCloseable {
        record Reply(int status, String body) {
        }

        private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        private final Channel connection;

        PriorKnowledgeClient(int port) {
            Bootstrap bootstrap = new Bootstrap().group(group).channel(NioSocketChannel.class)
                    .handler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(Http2FrameCodecBuilder.forClient().build(),
                                    new Http2MultiplexHandler(new ChannelInboundHandlerAdapter()));
                        }
                    });
            connection = bootstrap.connect("127.0.0.1", port).syncUninterruptibly().channel();
        }

        boolean connected() {
            return connection.isActive();
        }

        /** Opens a stream, sends {@code headers} (and {@code body} if not null) and waits for the answer. */
        Reply send(Http2Headers headers, String body) {
            CompletableFuture<Reply> answer = new CompletableFuture<>();
            Http2StreamChannel stream = new Http2StreamChannelBootstrap(connection)
                    .handler(new ChannelInitializer<Http2StreamChannel>() {
                        @Override
                        protected void initChannel(Http2StreamChannel ch) {
                            ch.pipeline().addLast(new Http2StreamFrameToHttpObjectCodec(false),
                                    new HttpObjectAggregator(1 << 20),
                                    new SimpleChannelInboundHandler<FullHttpResponse>() {
                                        @Override
                                        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse r) {
                                            answer.complete(new Reply(r.status().code(),
                                                    r.content().toString(StandardCharsets.UTF_8)));
                                        }

                                        @Override
                                        public void channelInactive(ChannelHandlerContext ctx) {
                                            answer.completeExceptionally(new IOException("stream closed without an answer"));
                                        }
                                    });
                        }
                    })
                    .open().syncUninterruptibly().getNow();
            stream.write(new DefaultHttp2HeadersFrame(headers, body == null));
            if (body != null) {
                stream.write(new DefaultHttp2DataFrame(Unpooled.copiedBuffer(body, StandardCharsets.UTF_8), true));
            }
            stream.flush();
            return await(answer);
        }

        @Override
        public void close() {
            connection.close().syncUninterruptibly();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
    }
}
