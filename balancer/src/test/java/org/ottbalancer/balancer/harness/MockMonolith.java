package org.ottbalancer.balancer.harness;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PingWebSocketFrame;
import io.netty.handler.codec.http.websocketx.PongWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketDecoderConfig;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketServerHandshakerFactory;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Predicate;
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.GossipEntry;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.ProtocolCodec;
import org.ottbalancer.protocol.RawJson;
import org.ottbalancer.protocol.RoomMetadata;
import org.ottbalancer.protocol.RoomName;
import org.ottbalancer.protocol.UnloadReason;
import org.ottbalancer.protocol.Visibility;
import org.ottbalancer.protocol.registry.MonolithEntry;

/**
 * A stand-in for an OTT monolith, as far as the balancer can tell: a WebSocket server on its
 * "balancing port" that accepts any path, plus a small HTTP server whose port it announces in
 * {@code init}.
 *
 * <p>It behaves like the real monolith only where tests need it: it sends {@code init} as soon as a
 * link is accepted (configurable, including misbehaviour), records everything the balancer sends,
 * and otherwise speaks only when the test tells it to. With {@link Options#autoGreet()} it answers a
 * {@code join} like the real server: {@code loaded} (with an epoch from a shared counter that stands
 * in for Redis' {@code INCR}) the first time it sees the room, then a targeted greeting.
 */
public final class MockMonolith implements AutoCloseable {
    private static final int MAX_FRAME_BYTES = 64 << 20;
    private static final Duration SEND_TIMEOUT = Duration.ofSeconds(10);

    /** What the mock sends first on a new link. */
    public enum FirstFrame {
        /** A valid {@code init}, like the real monolith. */
        INIT,
        /** Nothing at all, ever. */
        NOTHING,
        /** A valid M2B message that is not {@code init} (a {@code gossip}). */
        NON_INIT,
        /** Text that is not JSON. */
        GARBAGE,
        /** A binary frame (holding a valid init, which must still not count). */
        BINARY
    }

    /**
     * How a mock starts.
     *
     * @param id the monolith id it announces
     * @param region the region it announces
     * @param firstFrame what it sends first on every new link
     * @param initDelay how long it waits before sending {@code init}
     * @param autoGreet whether it answers joins with {@code loaded} + a targeted greeting
     * @param epochs the shared load-epoch counter (pass one instance to several mocks to emulate Redis)
     */
    public record Options(UUID id, String region, FirstFrame firstFrame, Duration initDelay, boolean autoGreet, AtomicLong epochs) {
        public static Options defaults() {
            return new Options(UUID.randomUUID(), "unknown", FirstFrame.INIT, Duration.ZERO, false, new AtomicLong());
        }

        public Options withRegion(String newRegion) {
            return new Options(id, newRegion, firstFrame, initDelay, autoGreet, epochs);
        }

        public Options withFirstFrame(FirstFrame frame) {
            return new Options(id, region, frame, initDelay, autoGreet, epochs);
        }

        public Options withInitDelay(Duration delay) {
            return new Options(id, region, firstFrame, delay, autoGreet, epochs);
        }

        public Options withAutoGreet(AtomicLong sharedEpochs) {
            return new Options(id, region, firstFrame, initDelay, true, sharedEpochs);
        }

        public Options withId(UUID newId) {
            return new Options(newId, region, firstFrame, initDelay, autoGreet, epochs);
        }
    }

    /** One frame the balancer sent; {@code message} is null when the text is not a valid B2M. */
    public record Received(boolean binary, String text, B2M message) {
    }

    private final Options options;
    private final MockHttpServer http;
    private final Set<Channel> links = ConcurrentHashMap.newKeySet();
    /** Every accepted connection, upgraded or not, so reading can be stopped and resumed on all of them. */
    private final Set<Channel> connections = ConcurrentHashMap.newKeySet();
    /** Further balancing ports, from {@link #listenOnAnotherPort()}. */
    private final List<Channel> extraServerChannels = new java.util.concurrent.CopyOnWriteArrayList<>();
    private final AtomicInteger acceptedLinks = new AtomicInteger();
    private final Inbox<Received> frames = new Inbox<>();
    private final Inbox<byte[]> pongs = new Inbox<>();
    private final Inbox<CloseStatus> closeFrames = new Inbox<>();
    private final Map<RoomName, Long> heldRooms = new ConcurrentHashMap<>();
    private volatile FirstFrame firstFrame;
    private volatile int announcedHttpPort;
    private volatile boolean reading = true;
    private volatile Channel serverChannel;
    private final int port;

    private MockMonolith(Options options) {
        this.options = options;
        this.firstFrame = options.firstFrame();
        this.http = new MockHttpServer(r -> HttpReply.of(200, "monolith " + options.id()).withHeader("X-Monolith-Id", options.id().toString()));
        this.announcedHttpPort = http.port();
        this.serverChannel = bind(0);
        this.port = ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public static MockMonolith start() {
        return start(Options.defaults());
    }

    public static MockMonolith start(Options options) {
        return new MockMonolith(options);
    }

    private Channel bind(int bindPort) {
        return new ServerBootstrap()
                .group(HarnessEventLoop.group())
                .channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        connections.add(ch);
                        ch.closeFuture().addListener(f -> connections.remove(ch));
                        if (!reading) {
                            ch.config().setAutoRead(false);
                        }
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536), new LinkHandler());
                    }
                })
                .bind("127.0.0.1", bindPort).syncUninterruptibly().channel();
    }

    // ------------------------------------------------------------------ identity

    public UUID id() {
        return options.id();
    }

    public String region() {
        return options.region();
    }

    /** The balancing port (where the balancer dials its link). */
    public int port() {
        return port;
    }

    /** The port of the mock's HTTP server. */
    public int httpPort() {
        return http.port();
    }

    /** This mock as a discovery entry. */
    public MonolithEntry entry() {
        return MonolithEntry.active("127.0.0.1", port);
    }

    /** The {@code init} this mock sends. */
    public M2B.Init init() {
        return new M2B.Init(announcedHttpPort, options.region(), options.id());
    }

    // ------------------------------------------------------------------ misbehaviour knobs

    /** Changes what the mock sends first on links accepted from now on. */
    public void firstFrame(FirstFrame frame) {
        this.firstFrame = frame;
    }

    /** Makes {@code init} announce another HTTP port (for example a closed one, to provoke proxy errors). */
    public void announceHttpPort(int httpPortToAnnounce) {
        this.announcedHttpPort = httpPortToAnnounce;
    }

    /**
     * Stops reading every connection, open or accepted later, as a monolith stuck in a long GC
     * pause or a busy loop would: what the balancer sends piles up in socket buffers and then in
     * the balancer's own outbound queue. New connections are accepted but not even upgraded.
     */
    public void stopReading() {
        reading = false;
        for (Channel c : connections) {
            c.config().setAutoRead(false);
        }
    }

    /** Reads every connection again after {@link #stopReading()}. */
    public void resumeReading() {
        reading = true;
        for (Channel c : connections) {
            c.config().setAutoRead(true);
            c.read();
        }
    }

    /**
     * Listens on one more balancing port, reaching this same monolith (same id, same rooms), as a
     * monolith reachable under two addresses would. Closed with the mock; {@link #stop()} leaves it open.
     */
    public int listenOnAnotherPort() {
        Channel extra = bind(0);
        extraServerChannels.add(extra);
        return ((InetSocketAddress) extra.localAddress()).getPort();
    }

    // ------------------------------------------------------------------ links

    public int links() {
        return links.size();
    }

    /** Links ever accepted on the balancing port, including closed ones. */
    public int acceptedLinks() {
        return acceptedLinks.get();
    }

    public void awaitLink(Duration timeout) {
        awaitLinks(1, timeout);
    }

    public void awaitLinks(int count, Duration timeout) {
        Eventually.await(timeout, count + " open link(s) to monolith " + id(), () -> links.size() >= count);
    }

    public void awaitNoLinks(Duration timeout) {
        Eventually.await(timeout, "all links to monolith " + id() + " closed", links::isEmpty);
    }

    public void awaitAcceptedLinks(int count, Duration timeout) {
        Eventually.await(timeout, count + " link(s) ever accepted by monolith " + id(), () -> acceptedLinks.get() >= count);
    }

    /** Closes every link with a Close frame, as a shutting-down monolith does. */
    public void closeLinks(int code, String reason) {
        for (Channel link : links) {
            link.writeAndFlush(new CloseWebSocketFrame(code, reason)).addListener(f -> link.close());
        }
        awaitNoLinks(SEND_TIMEOUT);
    }

    /** Resets every link's TCP connection without a Close frame, as a crashed host would. */
    public void dropLinks() {
        for (Channel link : links) {
            link.config().setOption(ChannelOption.SO_LINGER, 0);
            link.close();
        }
        awaitNoLinks(SEND_TIMEOUT);
    }

    /**
     * Stops listening on the balancing port and drops every link; the HTTP server and any port from
     * {@link #listenOnAnotherPort()} keep running.
     */
    public void stop() {
        serverChannel.close().syncUninterruptibly();
        dropLinks();
    }

    /** Listens on the same balancing port again after {@link #stop()}. */
    public void restart() {
        long deadline = System.nanoTime() + SEND_TIMEOUT.toNanos();
        while (true) {
            try {
                serverChannel = bind(port);
                return;
            } catch (RuntimeException e) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("could not re-bind balancing port " + port, e);
                }
                Eventually.pause(50);
            }
        }
    }

    @Override
    public void close() {
        try {
            serverChannel.close().syncUninterruptibly();
            for (Channel extra : extraServerChannels) {
                extra.close().syncUninterruptibly();
            }
            for (Channel c : connections) {
                c.close();
            }
            for (Channel link : links) {
                link.close();
            }
        } finally {
            http.close();
        }
    }

    // ------------------------------------------------------------------ sending

    /** Sends a message on every open link and waits until it is written. */
    public void send(M2B message) {
        sendText(ProtocolCodec.text(ProtocolCodec.encode(message)));
    }

    /** Sends arbitrary text (for example malformed JSON) on every open link. */
    public void sendRaw(String text) {
        sendText(text);
    }

    public void sendBinary(byte[] bytes) {
        writeToLinks(() -> new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes)));
    }

    public void ping(byte[] payload) {
        writeToLinks(() -> new PingWebSocketFrame(Unpooled.wrappedBuffer(payload)));
    }

    private void sendText(String text) {
        writeToLinks(() -> new TextWebSocketFrame(text));
    }

    private void writeToLinks(java.util.function.Supplier<WebSocketFrame> frame) {
        List<Channel> open = new ArrayList<>(links);
        if (open.isEmpty()) {
            throw new AssertionError("monolith " + id() + " has no open link to send on");
        }
        for (Channel link : open) {
            ChannelFuture f = link.writeAndFlush(frame.get());
            if (!f.awaitUninterruptibly(SEND_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("send to balancer did not complete within " + SEND_TIMEOUT);
            }
        }
    }

    // ------------------------------------------------------------------ room helpers

    /** Metadata as the real monolith would report it. */
    public static RoomMetadata metadata(String room, Visibility visibility, int users) {
        return new RoomMetadata(RoomName.of(room), RawJson.of("\"title of " + room + "\""), RawJson.of("\"\""),
                RawJson.of("false"), visibility, RawJson.of("\"manual\""), RawJson.NULL, RawJson.of(Integer.toString(users)));
    }

    /** Holds {@code room} at {@code epoch} and reports it with {@code loaded}. */
    public void load(String room, long epoch) {
        load(metadata(room, Visibility.PUBLIC, 0), epoch);
    }

    public void load(RoomMetadata metadata, long epoch) {
        heldRooms.put(metadata.name(), epoch);
        send(new M2B.Loaded(metadata, epoch));
    }

    /** Holds {@code room} at the next epoch of the shared counter and reports it; returns the epoch. */
    public long loadNext(String room) {
        long epoch = options.epochs().incrementAndGet();
        load(room, epoch);
        return epoch;
    }

    /** Holds {@code room} without telling anyone (it shows up in the next {@link #gossip()}). */
    public void holdSilently(String room, long epoch) {
        heldRooms.put(RoomName.of(room), epoch);
    }

    /** Drops {@code room} and reports it with {@code unloaded}. */
    public void unload(String room, UnloadReason reason) {
        heldRooms.remove(RoomName.of(room));
        send(new M2B.Unloaded(RoomName.of(room), reason));
    }

    /** Drops {@code room} without telling anyone. */
    public void forget(String room) {
        heldRooms.remove(RoomName.of(room));
    }

    /** Sends a full gossip of the rooms this mock holds. */
    public void gossip() {
        List<GossipEntry> entries = new ArrayList<>();
        for (Map.Entry<RoomName, Long> e : new LinkedHashMap<>(heldRooms).entrySet()) {
            entries.add(new GossipEntry(metadata(e.getKey().value(), Visibility.PUBLIC, 0), e.getValue()));
        }
        send(new M2B.Gossip(entries));
    }

    public Map<RoomName, Long> heldRooms() {
        return Map.copyOf(heldRooms);
    }

    /** A targeted greeting, the payload {@code autoGreet} sends: {@code {"action":"you","info":{"id":...}}}. */
    public static String greetingFor(UUID client) {
        return "{\"action\":\"you\",\"info\":{\"id\":\"" + client + "\"}}";
    }

    // ------------------------------------------------------------------ receiving

    /** Waits for the next unconsumed message of {@code type} and consumes it; fails on timeout. */
    public <T extends B2M> T awaitMessage(Class<T> type, Duration timeout) {
        return awaitMessage(type, m -> true, timeout);
    }

    /** Waits for the next unconsumed message of {@code type} that matches {@code filter}. */
    public <T extends B2M> T awaitMessage(Class<T> type, Predicate<? super T> filter, Duration timeout) {
        T found = frames.take(matching(type, filter), timeout);
        if (found == null) {
            throw new AssertionError("monolith " + id() + " received no " + type.getSimpleName() + " within "
                    + timeout.toMillis() + " ms; unconsumed frames: " + frames.snapshot());
        }
        return found;
    }

    /** Fails if a message of {@code type} is (or becomes, within {@code window}) available. */
    public <T extends B2M> void awaitNoMessage(Class<T> type, Duration window) {
        awaitNoMessage(type, m -> true, window);
    }

    public <T extends B2M> void awaitNoMessage(Class<T> type, Predicate<? super T> filter, Duration window) {
        T found = frames.take(matching(type, filter), window);
        if (found != null) {
            throw new AssertionError("monolith " + id() + " unexpectedly received " + found);
        }
    }

    /** The next frame of any kind, in arrival order (consumed). */
    public Received awaitFrame(Duration timeout) {
        Received r = frames.take(f -> f, timeout);
        if (r == null) {
            throw new AssertionError("monolith " + id() + " received no frame within " + timeout.toMillis() + " ms");
        }
        return r;
    }

    /** Every decoded message not consumed yet, oldest first. */
    public List<B2M> unconsumedMessages() {
        List<B2M> out = new ArrayList<>();
        for (Received r : frames.snapshot()) {
            if (r.message() != null) {
                out.add(r.message());
            }
        }
        return out;
    }

    public byte[] awaitPong(Duration timeout) {
        byte[] pong = pongs.take(p -> p, timeout);
        if (pong == null) {
            throw new AssertionError("monolith " + id() + " received no pong within " + timeout.toMillis() + " ms");
        }
        return pong;
    }

    /** Fails if a pong is (or becomes, within {@code window}) available. */
    public void awaitNoPong(Duration window) {
        byte[] pong = pongs.take(p -> p, window);
        if (pong != null) {
            throw new AssertionError("monolith " + id() + " received an unexpected pong");
        }
    }

    /** The next Close frame the balancer sent on any link. */
    public CloseStatus awaitCloseFrame(Duration timeout) {
        CloseStatus status = closeFrames.take(c -> c, timeout);
        if (status == null) {
            throw new AssertionError("monolith " + id() + " received no Close frame within " + timeout.toMillis() + " ms");
        }
        return status;
    }

    /** Fails if a Close frame is (or becomes, within {@code window}) available. */
    public void awaitNoCloseFrame(Duration window) {
        CloseStatus status = closeFrames.take(c -> c, window);
        if (status != null) {
            throw new AssertionError("monolith " + id() + " unexpectedly received Close frame " + status);
        }
    }

    private static <T extends B2M> Function<Received, T> matching(Class<T> type, Predicate<? super T> filter) {
        return r -> type.isInstance(r.message()) && filter.test(type.cast(r.message())) ? type.cast(r.message()) : null;
    }

    @Override
    public String toString() {
        return "MockMonolith[" + id() + " @" + port + "]";
    }

    // ------------------------------------------------------------------ link handling

    private final class LinkHandler extends SimpleChannelInboundHandler<Object> {
        private WebSocketServerHandshaker handshaker;

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, Object msg) {
            if (msg instanceof FullHttpRequest request) {
                upgrade(ctx, request);
            } else if (msg instanceof WebSocketFrame frame) {
                onFrame(ctx, frame);
            }
        }

        private void upgrade(ChannelHandlerContext ctx, FullHttpRequest request) {
            WebSocketDecoderConfig config = WebSocketDecoderConfig.newBuilder()
                    .maxFramePayloadLength(MAX_FRAME_BYTES).allowMaskMismatch(true).build();
            handshaker = new WebSocketServerHandshakerFactory("ws://127.0.0.1:" + port + request.uri(), null, config)
                    .newHandshaker(request);
            if (handshaker == null) {
                WebSocketServerHandshakerFactory.sendUnsupportedVersionResponse(ctx.channel());
                return;
            }
            Channel link = ctx.channel();
            handshaker.handshake(link, request).addListener(f -> {
                if (!f.isSuccess()) {
                    link.close();
                    return;
                }
                ctx.pipeline().addBefore(ctx.name(), "ws-aggregator", new WebSocketFrameAggregator(MAX_FRAME_BYTES));
                links.add(link);
                acceptedLinks.incrementAndGet();
                link.closeFuture().addListener(c -> links.remove(link));
                greetBalancer(link);
            });
        }

        private void greetBalancer(Channel link) {
            FirstFrame mode = firstFrame;
            Runnable send = () -> {
                if (mode == FirstFrame.INIT) {
                    link.writeAndFlush(new TextWebSocketFrame(ProtocolCodec.text(ProtocolCodec.encode(init()))));
                } else if (mode == FirstFrame.NON_INIT) {
                    link.writeAndFlush(new TextWebSocketFrame(ProtocolCodec.text(ProtocolCodec.encode(new M2B.Gossip(List.of())))));
                } else if (mode == FirstFrame.GARBAGE) {
                    link.writeAndFlush(new TextWebSocketFrame("this is not json"));
                } else if (mode == FirstFrame.BINARY) {
                    link.writeAndFlush(new BinaryWebSocketFrame(Unpooled.wrappedBuffer(ProtocolCodec.encode(init()))));
                }
            };
            Duration delay = options.initDelay();
            if (delay.isZero()) {
                send.run();
            } else {
                link.eventLoop().schedule(send, delay.toMillis(), TimeUnit.MILLISECONDS);
            }
        }

        private void onFrame(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof TextWebSocketFrame || frame instanceof BinaryWebSocketFrame) {
                byte[] bytes = ByteBufUtil.getBytes(frame.content());
                B2M decoded = decodeOrNull(bytes);
                frames.add(new Received(frame instanceof BinaryWebSocketFrame, new String(bytes, StandardCharsets.UTF_8), decoded));
                if (options.autoGreet() && decoded instanceof B2M.Join join) {
                    greet(ctx.channel(), join);
                }
            } else if (frame instanceof PingWebSocketFrame) {
                ctx.writeAndFlush(new PongWebSocketFrame(frame.content().retain()));
            } else if (frame instanceof PongWebSocketFrame) {
                pongs.add(ByteBufUtil.getBytes(frame.content()));
            } else if (frame instanceof CloseWebSocketFrame close) {
                closeFrames.add(new CloseStatus(close.statusCode(), close.reasonText()));
                ctx.close();
            }
        }

        /** What the real monolith does on a valid join: load the room if new (fresh epoch), then greet. */
        private void greet(Channel link, B2M.Join join) {
            if (!heldRooms.containsKey(join.room())) {
                long epoch = options.epochs().incrementAndGet();
                heldRooms.put(join.room(), epoch);
                link.writeAndFlush(new TextWebSocketFrame(ProtocolCodec.text(ProtocolCodec.encode(
                        new M2B.Loaded(metadata(join.room().value(), Visibility.PUBLIC, 1), epoch)))));
            }
            link.writeAndFlush(new TextWebSocketFrame(ProtocolCodec.text(ProtocolCodec.encode(
                    M2B.RoomMsg.to(join.room(), join.client(), RawJson.of(greetingFor(join.client())))))));
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }

    private static B2M decodeOrNull(byte[] bytes) {
        try {
            return ProtocolCodec.decodeB2M(bytes);
        } catch (RuntimeException e) {
            return null;
        }
    }

    // ------------------------------------------------------------------ HTTP side

    /** Replaces how the HTTP server answers (default: 200 naming this monolith, header {@code X-Monolith-Id}). */
    public void respondWith(Function<RecordedRequest, HttpReply> responder) {
        http.respondWith(responder);
    }

    public RecordedRequest awaitHttpRequest(Duration timeout) {
        RecordedRequest r = http.awaitRequest(timeout);
        if (r == null) {
            throw new AssertionError("monolith " + id() + " received no HTTP request within " + timeout.toMillis() + " ms");
        }
        return r;
    }

    public List<RecordedRequest> httpRequests() {
        return http.history();
    }
}
