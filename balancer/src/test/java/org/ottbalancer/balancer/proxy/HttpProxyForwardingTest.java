package org.ottbalancer.balancer.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.http.HttpRequest;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What the monolith receives for a proxied request. */
class HttpProxyForwardingTest {
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
    void methodPathQueryAndBodyReachTheMonolithUnchanged() throws Exception {
        rig.send(rig.request("/api/room/abc/queue?x=1&y=a%20b").PUT(HttpRequest.BodyPublishers.ofString("{\"id\":42}")));

        OriginServer.Received received = rig.origin.nextRequest();
        assertEquals("PUT", received.method());
        assertEquals("/api/room/abc/queue?x=1&y=a%20b", received.uri());
        assertEquals("{\"id\":42}", received.body());
        assertEquals("9", received.headers().get("Content-Length"));
    }

    @Test
    void endToEndHeadersAreCopiedIncludingRepeatedOnes() throws Exception {
        rig.send(rig.request("/api/auth/grant")
                .header("Authorization", "Bearer token-123")
                .header("X-Custom", "one")
                .header("X-Custom", "two")
                .header("Accept", "application/json"));

        OriginServer.Received received = rig.origin.nextRequest();
        assertEquals("Bearer token-123", received.headers().get("Authorization"));
        assertEquals(List.of("one", "two"), received.headers().getAll("X-Custom"));
        assertEquals("application/json", received.headers().get("Accept"));
    }

    @Test
    void hostHeaderIsTheOneTheClientSent() throws Exception {
        rig.get("/");

        assertEquals("127.0.0.1:" + rig.front.port(), rig.origin.nextRequest().headers().get("Host"));
    }

    @Test
    void hopByHopHeadersAndThoseNamedInConnectionAreStripped() throws Exception {
        try (RawHttpConnection raw = new RawHttpConnection(rig.front.port())) {
            raw.send("",
                    "GET /strip HTTP/1.1",
                    "Host: example.org",
                    "Connection: keep-alive, X-Per-Hop",
                    "X-Per-Hop: secret",
                    "Keep-Alive: timeout=5",
                    "Proxy-Connection: keep-alive",
                    "TE: trailers",
                    "Trailer: X-Checksum",
                    "Upgrade: websocket",
                    "Proxy-Authorization: Basic dXNlcjpwYXNz",
                    "X-Kept: yes");
            assertEquals(200, raw.read().status());
        }

        OriginServer.Received received = rig.origin.nextRequest();
        for (String hop : List.of("X-Per-Hop", "Keep-Alive", "Proxy-Connection", "TE", "Trailer", "Upgrade",
                "Proxy-Authorization", "Transfer-Encoding")) {
            assertFalse(received.headers().contains(hop), hop + " reached the monolith");
        }
        assertFalse("close".equalsIgnoreCase(received.headers().get("Connection")), "client's Connection header leaked");
        assertEquals("yes", received.headers().get("X-Kept"));
        assertEquals("example.org", received.headers().get("Host"));
    }

    @Test
    void forwardedHeadersNameTheClientAndTheOriginalHost() throws Exception {
        rig.get("/");

        OriginServer.Received received = rig.origin.nextRequest();
        assertEquals("127.0.0.1", received.headers().get("X-Forwarded-For"));
        assertEquals("http", received.headers().get("X-Forwarded-Proto"));
        assertEquals("127.0.0.1:" + rig.front.port(), received.headers().get("X-Forwarded-Host"));
    }

    @Test
    void forwardedForIsAppendedToWhileExistingProtoAndHostAreKept() throws Exception {
        rig.send(rig.request("/")
                .header("X-Forwarded-For", "203.0.113.7")
                .header("X-Forwarded-Proto", "https")
                .header("X-Forwarded-Host", "opentogethertube.com"));

        OriginServer.Received received = rig.origin.nextRequest();
        assertEquals("203.0.113.7, 127.0.0.1", received.headers().get("X-Forwarded-For"));
        assertEquals("https", received.headers().get("X-Forwarded-Proto"));
        assertEquals("opentogethertube.com", received.headers().get("X-Forwarded-Host"));
    }

    @Test
    void http10RequestWithoutHostGetsTheMonolithsAddressAsHost() throws Exception {
        try (RawHttpConnection raw = new RawHttpConnection(rig.front.port())) {
            raw.send("", "GET /old HTTP/1.0");
            assertEquals(200, raw.read().status());
        }

        OriginServer.Received received = rig.origin.nextRequest();
        assertEquals("127.0.0.1:" + rig.origin.port(), received.headers().get("Host"));
        assertFalse(received.headers().contains("X-Forwarded-Host"));
    }

    @Test
    void targetGivenByHostNameIsResolved() throws Exception {
        try (ProxyRig byName = ProxyRig.targetingHost("localhost")) {
            assertEquals("hello", byName.get("/").body());
        }
    }
}
