package org.ottbalancer.balancer.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the client gets back from a proxied request, and what the observer sees. */
class HttpProxyResponseTest {
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
    void statusHeadersAndBodyArePassedBack() throws Exception {
        rig.origin.behave(OriginServer.reply(HttpResponseStatus.valueOf(418), "short and stout",
                "Content-Type", "text/plain", "X-Answer", "42", "Set-Cookie", "a=1", "Set-Cookie", "b=2"));

        HttpResponse<String> response = rig.get("/teapot");

        assertEquals(418, response.statusCode());
        assertEquals("short and stout", response.body());
        assertEquals("text/plain", response.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("42", response.headers().firstValue("X-Answer").orElseThrow());
        assertEquals(List.of("a=1", "b=2"), response.headers().allValues("Set-Cookie"));
    }

    @Test
    void redirectsArePassedBackNotFollowed() throws Exception {
        rig.origin.behave(OriginServer.reply(HttpResponseStatus.FOUND, "", "Location", "/elsewhere"));

        HttpResponse<String> response = rig.get("/old-place");

        assertEquals(302, response.statusCode());
        assertEquals("/elsewhere", response.headers().firstValue("Location").orElseThrow());
        rig.origin.nextRequest();
        assertEquals(0, rig.origin.requestsWaiting(), "the proxy followed the redirect");
    }

    @Test
    void hopByHopResponseHeadersAreStripped() throws Exception {
        rig.origin.behave(OriginServer.reply(HttpResponseStatus.OK, "ok",
                "Connection", "X-Internal", "X-Internal", "monolith-secret", "Keep-Alive", "timeout=5",
                "Proxy-Authenticate", "Basic", "X-Public", "fine"));

        try (RawHttpConnection raw = new RawHttpConnection(rig.front.port())) {
            raw.send("", "GET / HTTP/1.1", "Host: example.org");
            RawHttpConnection.Response response = raw.read();

            assertEquals(List.of(), response.header("X-Internal"));
            assertEquals(List.of(), response.header("Keep-Alive"));
            assertEquals(List.of(), response.header("Proxy-Authenticate"));
            assertEquals(List.of(), response.header("Connection"));
            assertEquals(List.of("fine"), response.header("X-Public"));
        }
    }

    @Test
    void chunkedResponseIsPassedBackWholeWithContentLength() throws Exception {
        rig.origin.behave(OriginServer.replyChunked("hello, ", "world"));

        try (RawHttpConnection raw = new RawHttpConnection(rig.front.port())) {
            raw.send("", "GET / HTTP/1.1", "Host: example.org");
            RawHttpConnection.Response response = raw.read();

            assertEquals("hello, world", response.body());
            assertEquals(List.of("12"), response.header("Content-Length"));
            assertEquals(List.of(), response.header("Transfer-Encoding"));
        }
    }

    @Test
    void headResponseKeepsTheMonolithsContentLength() throws Exception {
        rig.origin.behave(OriginServer.reply(HttpResponseStatus.OK, "0123456789"));

        HttpResponse<String> response = rig.send(rig.request("/file").method("HEAD", HttpRequest.BodyPublishers.noBody()));

        assertEquals(200, response.statusCode());
        assertEquals("10", response.headers().firstValue("Content-Length").orElseThrow());
        assertEquals("", response.body());
    }

    @Test
    void clientConnectionStaysOpenForHttp11ByDefault() throws Exception {
        try (RawHttpConnection raw = new RawHttpConnection(rig.front.port())) {
            raw.send("", "GET /one HTTP/1.1", "Host: example.org");
            assertEquals(200, raw.read().status());
            raw.send("", "GET /two HTTP/1.1", "Host: example.org");
            assertEquals(200, raw.read().status());
        }
    }

    @Test
    void clientConnectionCloseIsHonoured() throws Exception {
        try (RawHttpConnection raw = new RawHttpConnection(rig.front.port())) {
            raw.send("", "GET / HTTP/1.1", "Host: example.org", "Connection: close");
            RawHttpConnection.Response response = raw.read();

            assertEquals(200, response.status());
            assertEquals(List.of("close"), response.header("Connection"));
            assertTrue(raw.closedByServer());
        }
    }

    @Test
    void http10ClientGetsHttp10AnswerAndTheConnectionClosed() throws Exception {
        try (RawHttpConnection raw = new RawHttpConnection(rig.front.port())) {
            raw.send("", "GET / HTTP/1.0", "Host: example.org");
            RawHttpConnection.Response response = raw.read();

            assertTrue(response.statusLine().startsWith("HTTP/1.0 200"), response.statusLine());
            assertEquals("hello", response.body());
            assertTrue(raw.closedByServer());
        }
    }

    @Test
    void http10ClientAskingForKeepAliveKeepsItsConnection() throws Exception {
        try (RawHttpConnection raw = new RawHttpConnection(rig.front.port())) {
            raw.send("", "GET / HTTP/1.0", "Host: example.org", "Connection: keep-alive");
            RawHttpConnection.Response response = raw.read();

            assertEquals(List.of("keep-alive"), response.header("Connection"));
            assertFalse(raw.closedByServerWithin(200));
        }
    }

    @Test
    void observerSeesTargetMethodUriStatusAndBody() throws Exception {
        record Seen(ProxyTarget target, HttpMethod method, String uri, int status, String body) {
        }
        List<Seen> seen = new CopyOnWriteArrayList<>();
        rig.origin.behave(OriginServer.reply(HttpResponseStatus.CREATED, "{\"success\":true,\"room\":\"abc\"}",
                "Content-Type", "application/json"));
        rig.observe((target, method, uri, status, body) ->
                seen.add(new Seen(target, method, uri, status, body.toString(StandardCharsets.UTF_8))));

        HttpResponse<String> response = rig.send(rig.request("/api/room/generate").POST(HttpRequest.BodyPublishers.ofString("{}")));

        assertEquals(201, response.statusCode());
        assertEquals("{\"success\":true,\"room\":\"abc\"}", response.body());
        assertEquals(1, seen.size());
        Seen only = seen.get(0);
        assertEquals(ProxyRig.MONOLITH_ID, only.target().monolithId());
        assertEquals(HttpMethod.POST, only.method());
        assertEquals("/api/room/generate", only.uri());
        assertEquals(201, only.status());
        assertEquals("{\"success\":true,\"room\":\"abc\"}", only.body());
    }

    @Test
    void observerThatReadsTheBodyDoesNotTakeItFromTheClient() throws Exception {
        rig.observe((target, method, uri, status, body) -> body.skipBytes(body.readableBytes()));

        assertEquals("hello", rig.get("/").body());
    }

    @Test
    void failingObserverDoesNotBreakTheResponse() throws Exception {
        rig.observe((target, method, uri, status, body) -> {
            throw new IllegalStateException("observer bug");
        });

        HttpResponse<String> response = rig.get("/");

        assertEquals(200, response.statusCode());
        assertEquals("hello", response.body());
    }
}
