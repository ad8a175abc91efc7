package org.ottbalancer.balancer.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.Unpooled;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpVersion;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Keep-alive connections to the monolith: reused when clean, dropped when not, retried when stale. */
class HttpProxyConnectionPoolTest {
    private ProxyRig rig;

    @BeforeEach
    void startRig() throws Exception {
        rig = ProxyRig.start();
    }

    @AfterEach
    void stopRig() {
        rig.close();
    }

    @Test
    void sequentialRequestsShareOneMonolithConnection() throws Exception {
        for (int i = 0; i < 3; i++) {
            assertEquals(200, rig.get("/seq/" + i).statusCode());
        }

        assertEquals(1, rig.origin.connectionsAccepted());
    }

    @Test
    void connectionAnsweredWithConnectionCloseIsNotReused() throws Exception {
        // The origin says "close" but leaves the socket open: only the header tells the proxy.
        rig.origin.behave((ctx, request) -> {
            FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.OK,
                    Unpooled.copiedBuffer("bye", StandardCharsets.UTF_8));
            response.headers().set("Content-Length", 3).set("Connection", "close");
            ctx.writeAndFlush(response);
        });

        assertEquals(200, rig.get("/a").statusCode());
        assertEquals(200, rig.get("/b").statusCode());

        assertEquals(2, rig.origin.connectionsAccepted());
    }

    @Test
    void getOnAStalePooledConnectionIsRetriedOnceOnAFreshOne() throws Exception {
        rig.origin.behave(OriginServer.answerFirstThenCloseOnReuse());
        assertEquals(200, rig.get("/first").statusCode());

        HttpResponse<String> response = rig.get("/second");

        assertEquals(200, response.statusCode());
        assertEquals("fresh", response.body());
        assertEquals(2, rig.origin.connectionsAccepted());
        assertEquals(0, rig.errors("other"));
    }

    @Test
    void staleRetryHappensOnlyOnce() throws Exception {
        rig.origin.behave(OriginServer.answerFirstThenCloseOnReuse());
        assertEquals(200, rig.get("/first").statusCode());
        rig.origin.behave(OriginServer.closeWithoutAnswer());

        assertEquals(502, rig.get("/second").statusCode());

        rig.origin.nextRequest();
        rig.origin.nextRequest();
        rig.origin.nextRequest();
        assertEquals(0, rig.origin.requestsWaiting(), "more than one retry");
    }

    @Test
    void postOnAStalePooledConnectionIsNotRetried() throws Exception {
        rig.origin.behave(OriginServer.answerFirstThenCloseOnReuse());
        assertEquals(200, rig.get("/first").statusCode());

        HttpResponse<String> response = rig.send(rig.request("/api/room/generate").POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertEquals(502, response.statusCode());
        rig.origin.nextRequest();
        assertEquals("POST", rig.origin.nextRequest().method());
        assertEquals(0, rig.origin.requestsWaiting(), "the POST was sent twice");
    }

    @Test
    void closingTheProxyClosesItsPooledConnections() throws Exception {
        assertEquals(200, rig.get("/").statusCode());
        assertEquals(1, rig.origin.connectionsOpen());

        rig.proxy.close();

        ProxyRig.await("the origin sees the pooled connection closed", () -> rig.origin.connectionsOpen() == 0);
    }
}
