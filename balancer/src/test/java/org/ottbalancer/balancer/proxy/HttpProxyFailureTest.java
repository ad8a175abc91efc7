package org.ottbalancer.balancer.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Failures become real error statuses (upstream answers 200) and are counted by route. */
class HttpProxyFailureTest {
    @Test
    void refusedConnectionIsA502() throws Exception {
        try (ProxyRig rig = ProxyRig.targeting(unusedPort())) {
            HttpResponse<String> response = rig.get("/");

            assertEquals(502, response.statusCode());
            assertEquals("error proxying request", response.body());
        }
    }

    @Test
    void monolithClosingWithoutAnswerIsA502() throws Exception {
        try (ProxyRig rig = ProxyRig.start()) {
            rig.origin.behave(OriginServer.closeWithoutAnswer());

            HttpResponse<String> response = rig.get("/");

            assertEquals(502, response.statusCode());
            assertEquals("error proxying request", response.body());
        }
    }

    @Test
    void monolithThatNeverAnswersIsA504AfterTheResponseTimeout() throws Exception {
        try (ProxyRig rig = ProxyRig.start(ProxyRig.limits(Duration.ofMillis(300), 1 << 20))) {
            rig.origin.behave(OriginServer.neverAnswer());

            HttpResponse<String> response = rig.get("/slow");

            assertEquals(504, response.statusCode());
            assertEquals("error proxying request: monolith did not answer in time", response.body());
        }
    }

    @Test
    void responseBodyLargerThanTheLimitIsA502() throws Exception {
        try (ProxyRig rig = ProxyRig.start(ProxyRig.limits(Duration.ofSeconds(10), 1024))) {
            rig.origin.behave(OriginServer.reply(HttpResponseStatus.OK, "x".repeat(4096)));

            HttpResponse<String> response = rig.get("/big");

            assertEquals(502, response.statusCode());
            assertEquals("error proxying request", response.body());
        }
    }

    @Test
    void chunkedResponseGrowingPastTheLimitIsA502() throws Exception {
        try (ProxyRig rig = ProxyRig.start(ProxyRig.limits(Duration.ofSeconds(10), 1024))) {
            rig.origin.behave(OriginServer.replyChunked("x".repeat(1000), "y".repeat(1000)));

            assertEquals(502, rig.get("/big").statusCode());
        }
    }

    @Test
    void proxyKeepsWorkingAfterAFailure() throws Exception {
        try (ProxyRig rig = ProxyRig.start()) {
            rig.origin.behave(OriginServer.closeWithoutAnswer());
            assertEquals(502, rig.get("/").statusCode());
            rig.origin.behave(OriginServer.reply(HttpResponseStatus.OK, "back"));

            HttpResponse<String> response = rig.get("/");

            assertEquals(200, response.statusCode());
            assertEquals("back", response.body());
        }
    }

    @Test
    void errorsAreCountedUnderTheRouteTheRequestCameThrough() throws Exception {
        try (ProxyRig rig = ProxyRig.start()) {
            rig.origin.behave(OriginServer.closeWithoutAnswer());

            rig.get("/api/room/abc");
            assertEquals(1, rig.errors("room"));
            assertEquals(0, rig.errors("other"));

            rig.get("/api/data/previewAdd");
            assertEquals(1, rig.errors("room"));
            assertEquals(1, rig.errors("other"));
        }
    }

    @Test
    void successfulRequestsCountNoError() throws Exception {
        try (ProxyRig rig = ProxyRig.start()) {
            rig.origin.behave(OriginServer.reply(HttpResponseStatus.INTERNAL_SERVER_ERROR, "monolith trouble"));

            assertEquals(500, rig.get("/api/room/abc").statusCode());

            assertEquals(0, rig.errors("room"));
        }
    }

    private static int unusedPort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
