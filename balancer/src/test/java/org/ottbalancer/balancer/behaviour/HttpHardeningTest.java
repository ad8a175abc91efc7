package org.ottbalancer.balancer.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ottbalancer.balancer.behaviour.StateQueries.holds;
import static org.ottbalancer.balancer.harness.BalancerFixture.QUIET;
import static org.ottbalancer.balancer.harness.BalancerFixture.WAIT;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ottbalancer.balancer.harness.BalancerFixture;
import org.ottbalancer.balancer.harness.Eventually;
import org.ottbalancer.balancer.harness.HttpReply;
import org.ottbalancer.balancer.harness.MockClient;
import org.ottbalancer.balancer.harness.MockMonolith;
import org.ottbalancer.balancer.harness.RawHttp;
import org.ottbalancer.balancer.harness.RunningBalancer;
import org.ottbalancer.balancer.harness.TestLimits;
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.RawJson;
import org.ottbalancer.protocol.RoomName;

/**
 * The browser-facing HTTP side under awkward but legal (or merely rude) use: slow or oversized
 * requests, pipelining, proxy headers, the {@code /api/room/list} upgrade quirk (spec §3.1) and IPv6.
 */
class HttpHardeningTest {
    private static final Duration HEAD_TIMEOUT = Duration.ofMillis(300);
    private static final int MAX_BODY = 1024;

    @RegisterExtension
    final BalancerFixture fx = new BalancerFixture();

    private RunningBalancer balancerWithOneMonolith(MockMonolith m) {
        RunningBalancer b = fx.balancer(c -> c.withLimits(TestLimits.fast()
                .httpHandshakeTimeout(HEAD_TIMEOUT).maxHttpBodyBytes(MAX_BODY).build()));
        b.connect(m);
        return b;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] postWithBody(String path, int bodyBytes) {
        String head = "POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: text/plain\r\n"
                + "Content-Length: " + bodyBytes + "\r\n\r\n";
        return ascii(head + "a".repeat(bodyBytes));
    }

    /** True if the server ends the connection (EOF or reset) before {@code timeout}. */
    private static boolean closedByServerWithin(Socket socket, Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        InputStream in = socket.getInputStream();
        try {
            while (in.read() >= 0) {
                // drain anything the server says before closing
            }
            return true;
        } catch (SocketException reset) {
            return true;
        } catch (SocketTimeoutException stillOpen) {
            return false;
        }
    }

    @Test
    void connectionThatNeverCompletesItsRequestHeadIsClosedAfterTheHandshakeTimeout() throws IOException {
        MockMonolith m = fx.monolith();
        RunningBalancer b = balancerWithOneMonolith(m);

        try (Socket slowloris = new Socket()) {
            slowloris.connect(new InetSocketAddress("127.0.0.1", b.port()));
            slowloris.getOutputStream().write(ascii("GET /api/status HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Trickle: 1\r\n"));
            slowloris.getOutputStream().flush();

            assertTrue(closedByServerWithin(slowloris, WAIT), "a connection sending half a request head must be closed");
        }
    }

    @Test
    void requestBodyLargerThanTheLimitIsAnswered413WithoutReachingAMonolith() {
        MockMonolith m = fx.monolith();
        RunningBalancer b = balancerWithOneMonolith(m);

        RawHttp.Response response = RawHttp.exchangeBytes(b.port(), WAIT, postWithBody("/api/data/upload", MAX_BODY * 4));

        assertEquals(413, response.status());
        Eventually.pauseFor(QUIET);
        assertEquals(List.of(), m.httpRequests());
    }

    @Test
    void balancerKeepsServingAfterAnOversizedBody() {
        MockMonolith m = fx.monolith();
        RunningBalancer b = balancerWithOneMonolith(m);
        RawHttp.exchangeBytes(b.port(), WAIT, postWithBody("/api/data/upload", MAX_BODY * 4));

        assertEquals("OK", b.http().get("/api/status").body());
        assertEquals(200, b.http().post("/api/data/upload", "small enough").statusCode());
        assertEquals("small enough", m.awaitHttpRequest(WAIT).body());
    }

    @Test
    void pipelinedProxiedRequestsAreAnsweredInRequestOrder() {
        MockMonolith m = fx.monolith();
        RunningBalancer b = balancerWithOneMonolith(m);
        m.respondWith(r -> r.uri().equals("/slow") ? HttpReply.of(200, "slow").after(Duration.ofMillis(300)) : HttpReply.of(200, "fast"));

        List<RawHttp.Response> responses = RawHttp.pipeline(b.port(), WAIT, 2, ascii(
                "GET /slow HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                + "GET /fast HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));

        assertEquals(List.of("slow", "fast"), responses.stream().map(RawHttp.Response::body).toList());
    }

    @Test
    void pipelinedLocalAnswerWaitsForAnEarlierSlowProxiedOne() {
        MockMonolith m = fx.monolith();
        RunningBalancer b = balancerWithOneMonolith(m);
        m.respondWith(r -> HttpReply.of(200, "slow").after(Duration.ofMillis(300)));

        List<RawHttp.Response> responses = RawHttp.pipeline(b.port(), WAIT, 2, ascii(
                "GET /slow HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
                + "GET /api/status HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"));

        assertEquals(List.of("slow", "OK"), responses.stream().map(RawHttp.Response::body).toList());
    }

    @Test
    void forwardedForOfTheRequestReachesTheMonolithWithTheClientAddressAppended() {
        MockMonolith m = fx.monolith();
        RunningBalancer b = balancerWithOneMonolith(m);

        b.http().get("/api/user", "X-Forwarded-For", "203.0.113.7");

        assertEquals("203.0.113.7, 127.0.0.1", m.awaitHttpRequest(WAIT).header("X-Forwarded-For"));
    }

    @Test
    void forwardedForNamesTheClientWhenTheRequestHasNone() {
        MockMonolith m = fx.monolith();
        RunningBalancer b = balancerWithOneMonolith(m);

        b.http().get("/api/user");

        assertEquals("127.0.0.1", m.awaitHttpRequest(WAIT).header("X-Forwarded-For"));
    }

    @Test
    void roomListAskedWithWebSocketUpgradeHeadersIsAnsweredWithTheJsonList() {
        MockMonolith m = fx.monolith();
        RunningBalancer b = balancerWithOneMonolith(m);
        m.load("lobby", 1);
        Eventually.await(WAIT, "lobby held", () -> holds(b, m, "lobby"));

        RawHttp.Response response = RawHttp.exchange(b.port(), WAIT,
                "GET /api/room/list HTTP/1.1",
                "Host: 127.0.0.1",
                "Connection: Upgrade",
                "Upgrade: websocket",
                "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==",
                "Sec-WebSocket-Version: 13");

        assertEquals(200, response.status());
        assertTrue(response.hasHeader("Content-Type", "application/json"), response.raw());
        assertTrue(response.body().startsWith("[") && response.body().contains("\"name\":\"lobby\""), response.body());
    }

    @Test
    void clientWebSocketOverIpv6LoopbackJoinsAndReceivesBroadcasts() {
        MockMonolith m = fx.monolith();
        RunningBalancer b = balancerWithOneMonolith(m);

        MockClient client = b.open(MockClient.to("[::1]", b.port()).room("v6-room"));
        client.auth("token-v6");
        m.awaitMessage(B2M.Join.class, j -> j.token().equals("token-v6") && j.room().equals(RoomName.of("v6-room")), WAIT);
        m.send(M2B.RoomMsg.broadcast(RoomName.of("v6-room"), RawJson.of("{\"action\":\"v6\"}")));

        assertEquals("{\"action\":\"v6\"}", client.awaitText(WAIT));
    }
}
