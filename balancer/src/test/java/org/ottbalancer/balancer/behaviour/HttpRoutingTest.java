package org.ottbalancer.balancer.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ottbalancer.balancer.harness.BalancerFixture.API_KEY;
import static org.ottbalancer.balancer.harness.BalancerFixture.WAIT;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ottbalancer.balancer.harness.BalancerFixture;
import org.ottbalancer.balancer.harness.Eventually;
import org.ottbalancer.balancer.harness.Http;
import org.ottbalancer.balancer.harness.HttpReply;
import org.ottbalancer.balancer.harness.JoinedClient;
import org.ottbalancer.balancer.harness.MockClient;
import org.ottbalancer.balancer.harness.MockMonolith;
import org.ottbalancer.balancer.harness.RawHttp;
import org.ottbalancer.balancer.harness.RecordedRequest;
import org.ottbalancer.balancer.harness.RunningBalancer;
import org.ottbalancer.balancer.harness.TestLimits;
import org.ottbalancer.balancer.harness.UpgradeRejectedException;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.Visibility;

/** Spec §4 and §8: the route table, the balancer's own endpoints, proxying, API-key endpoints and metrics. */
class HttpRoutingTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String AUTH = "Bearer " + API_KEY;

    @RegisterExtension
    final BalancerFixture fx = new BalancerFixture();

    private static JsonNode json(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new AssertionError("not JSON: " + body, e);
        }
    }

    private static int closedPort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The value of the first sample of {@code metric} whose labels contain {@code labelFragment}. */
    private static Double metricValue(String scrape, String metric, String labelFragment) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith("#")) {
                continue;
            }
            boolean plain = line.startsWith(metric + " ");
            boolean labelled = line.startsWith(metric + "{") && line.substring(0, line.indexOf('}') + 1).contains(labelFragment);
            if ((labelFragment.isEmpty() && plain) || labelled) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return null;
    }

    // ------------------------------------------------------------------ balancer's own endpoints

    @Test
    void statusAnswersOkEvenWithoutMonoliths() {
        RunningBalancer b = fx.balancer();

        HttpResponse<String> r = b.http().get("/api/status");

        assertEquals(200, r.statusCode());
        assertEquals("OK", r.body());
    }

    @Test
    void balancerAnswersHttpOnIpv6LoopbackToo() {
        RunningBalancer b = fx.balancer();

        assertEquals(200, new Http("[::1]", b.port()).get("/api/status").statusCode());
    }

    @Test
    void roomListIsAnEmptyJsonArrayWithoutMonoliths() {
        RunningBalancer b = fx.balancer();

        HttpResponse<String> r = b.http().get("/api/room/list");

        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        assertEquals(0, json(r.body()).size());
    }

    @Test
    void roomListShowsOnlyPublicRoomsWithTheirMetadata() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        m.load(MockMonolith.metadata("open", Visibility.PUBLIC, 3), 1);
        m.load(MockMonolith.metadata("hidden", Visibility.UNLISTED, 1), 2);
        m.load(MockMonolith.metadata("secret", Visibility.PRIVATE, 1), 3);
        Eventually.await(WAIT, "all three rooms held", () -> StateQueries.roomsOf(b, m).size() == 3);

        JsonNode list = json(b.http().get("/api/room/list").body());

        assertEquals(1, list.size(), list.toString());
        JsonNode room = list.get(0);
        assertEquals("open", room.path("name").asText());
        assertEquals("title of open", room.path("title").asText());
        assertEquals("", room.path("description").asText());
        assertFalse(room.path("isTemporary").asBoolean());
        assertEquals("public", room.path("visibility").asText());
        assertEquals("manual", room.path("queueMode").asText());
        assertTrue(room.has("currentSource") && room.path("currentSource").isNull());
        assertEquals(3, room.path("users").asInt());
    }

    @Test
    void roomListWritesTheNameKeyOnce() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        m.load("once", 1);
        Eventually.await(WAIT, "room listed", () -> b.http().get("/api/room/list").body().contains("once"));

        String body = b.http().get("/api/room/list").body();

        assertEquals(body.indexOf("\"name\""), body.lastIndexOf("\"name\""), body);
    }

    @Test
    void roomListLeavesOutRoomsThatOnlyHaveAPlaceholder() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        b.join("placeholder-only", m);

        assertEquals(0, json(b.http().get("/api/room/list").body()).size());
    }

    @Test
    void roomListIsAnsweredWithoutAskingAnyMonolith() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);

        b.http().get("/api/room/list");

        assertEquals(List.of(), m.httpRequests());
    }

    // ------------------------------------------------------------------ proxying

    @Test
    void otherRouteIsProxiedWithMethodPathQueryHeadersAndBody() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);

        b.http().post("/api/data/previewAdd?input=abc&x=1", "the body", "X-Custom", "yes");

        RecordedRequest r = m.awaitHttpRequest(WAIT);
        assertEquals("POST", r.method());
        assertEquals("/api/data/previewAdd?input=abc&x=1", r.uri());
        assertEquals("yes", r.header("X-Custom"));
        assertEquals("the body", r.body());
    }

    @Test
    void proxiedResponseStatusHeadersAndBodyArePassedBack() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        m.respondWith(req -> HttpReply.of(201, "{\"success\":true}").withHeader("X-From", "monolith"));

        HttpResponse<String> r = b.http().post("/api/room/generate", "{}");

        assertEquals(201, r.statusCode());
        assertEquals("monolith", r.headers().firstValue("X-From").orElse(null));
        assertEquals("{\"success\":true}", r.body());
    }

    @Test
    void redirectsArePassedBackNotFollowed() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        m.respondWith(req -> HttpReply.of(302, "").withHeader("Location", "/elsewhere"));

        HttpResponse<String> r = b.http().get("/somewhere");

        assertEquals(302, r.statusCode());
        assertEquals("/elsewhere", r.headers().firstValue("Location").orElse(null));
        assertEquals(1, m.httpRequests().size());
    }

    @Test
    void roomRouteGoesToTheMonolithHoldingTheRoomCaseInsensitively() {
        RunningBalancer b = fx.balancer();
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        b.connect(m1, m2);
        m2.load("movies", 4);
        Eventually.await(WAIT, "room held", () -> StateQueries.holds(b, m2, "movies"));

        for (int i = 0; i < 5; i++) {
            HttpResponse<String> r = b.http().get("/api/room/MOVIES/queue");
            assertEquals(m2.id().toString(), r.headers().firstValue("X-Monolith-Id").orElse(null));
        }
        assertEquals(List.of(), m1.httpRequests());
    }

    @Test
    void roomRouteForAnUnmappedRoomIsProxiedWithoutCreatingAMapping() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);

        HttpResponse<String> r = b.http().get("/api/room/unmapped");

        assertEquals(200, r.statusCode());
        assertEquals("/api/room/unmapped", m.awaitHttpRequest(WAIT).uri());
        assertEquals(0, StateQueries.roomsOf(b, m).size());
    }

    @Test
    void otherRouteIs503WithoutMonoliths() {
        RunningBalancer b = fx.balancer();

        assertEquals(503, b.http().get("/api/auth/grant").statusCode());
    }

    @Test
    void roomRouteIs503WithoutMonoliths() {
        RunningBalancer b = fx.balancer();

        assertEquals(503, b.http().get("/api/room/foo").statusCode());
    }

    @Test
    void proxyConnectionFailureIs502AndCountedAsAnError() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        m.announceHttpPort(closedPort());
        b.connect(m);

        HttpResponse<String> r = b.http().get("/assets/foo.svg");

        assertEquals(502, r.statusCode());
        Double errors = metricValue(b.http().get("/api/status/metrics").body(), "balancer_proxy_request_errors_total", "route=\"other\"");
        assertNotNull(errors);
        assertTrue(errors >= 1.0, "errors " + errors);
    }

    @Test
    void proxiedRequestTheMonolithNeverAnswersIs504() {
        RunningBalancer b = fx.balancer(c -> c.withLimits(TestLimits.fast()
                .proxyTimeouts(Duration.ofSeconds(2), Duration.ofMillis(500)).build()));
        MockMonolith m = fx.monolith();
        b.connect(m);
        m.respondWith(req -> HttpReply.NEVER);

        assertEquals(504, b.http().get("/api/room/slow").statusCode());
    }

    @Test
    void upgradeRequestWithoutWebSocketKeyIs500() {
        RunningBalancer b = fx.balancer();
        b.connect(fx.monolith());

        RawHttp.Response r = RawHttp.exchange(b.port(), WAIT,
                "GET /api/room/foo HTTP/1.1", "Host: 127.0.0.1", "Connection: Upgrade", "Upgrade: websocket");

        assertEquals(500, r.status());
    }

    // ------------------------------------------------------------------ API key

    @Test
    void stateWithoutAuthorizationIs401Unauthorized() {
        RunningBalancer b = fx.balancer();

        HttpResponse<String> r = b.http().get("/api/state");

        assertEquals(401, r.statusCode());
        assertEquals("unauthorized", r.body());
    }

    @Test
    void stateWithAWrongKeyIs401() {
        RunningBalancer b = fx.balancer();

        assertEquals(401, b.http().get("/api/state", "Authorization", "Bearer wrong").statusCode());
    }

    @Test
    void authorizationSchemeIsCaseSensitive() {
        RunningBalancer b = fx.balancer();

        assertEquals(401, b.http().get("/api/balancing", "Authorization", "bearer " + API_KEY).statusCode());
    }

    @Test
    void restrictedEndpointsAre401WhenNoApiKeyIsConfigured() {
        RunningBalancer b = fx.balancer(c -> c.withApiKey(null));

        assertEquals(401, b.http().get("/api/state", "Authorization", "Bearer ").statusCode());
        assertEquals(401, b.http().get("/api/balancing", "Authorization", AUTH).statusCode());
        assertEquals(401, b.http().get("/api/state/stream", "Authorization", AUTH).statusCode());
    }

    @Test
    void balancingDumpCountsMonolithsAndClients() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        b.join("foo", m);

        HttpResponse<String> r = b.http().get("/api/balancing", "Authorization", AUTH);

        assertEquals(200, r.statusCode());
        assertTrue(r.body().contains("monoliths: 1"), r.body());
        assertTrue(r.body().contains("clients: 1"), r.body());
    }

    @Test
    void stateReportsBalancerMonolithsRoomsAndClients() {
        RunningBalancer b = fx.balancer(c -> c.withRegion("ewr"));
        MockMonolith m = fx.monolith(MockMonolith.Options.defaults().withRegion("iad"));
        b.connect(m);
        MockClient client = b.open(b.clientTo().room("Foo").header("Fly-Region", "sjc"));
        JoinedClient joined = b.authenticate(client, m);

        HttpResponse<String> r = b.http().get("/api/state", "Authorization", AUTH);

        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        JsonNode state = json(r.body());
        assertEquals(b.id().toString(), state.path("id").asText());
        assertEquals("ewr", state.path("region").asText());
        JsonNode monolith = state.path("monoliths").get(0);
        assertEquals(m.id().toString(), monolith.path("id").asText());
        assertEquals("iad", monolith.path("region").asText());
        JsonNode room = monolith.path("rooms").get(0);
        assertEquals("foo", room.path("name").asText().toLowerCase(java.util.Locale.ROOT));
        JsonNode c = room.path("clients").get(0);
        assertEquals(joined.id().toString(), c.path("id").asText());
        assertEquals("sjc", c.path("edge_region").asText());
    }

    @Test
    void stateStreamWithoutUpgradeIs400() {
        RunningBalancer b = fx.balancer();

        HttpResponse<String> r = b.http().get("/api/state/stream", "Authorization", AUTH);

        assertEquals(400, r.statusCode());
        assertEquals("expected websocket connection", r.body());
    }

    @Test
    void stateStreamUpgradeWithoutKeyIs401() {
        RunningBalancer b = fx.balancer();

        UpgradeRejectedException e = org.junit.jupiter.api.Assertions.assertThrows(UpgradeRejectedException.class,
                () -> b.open(b.clientTo().path("/api/state/stream")));
        assertEquals(401, e.status());
    }

    @Test
    void stateStreamPushesWsEventsForClientTraffic() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        MockClient stream = b.open(b.clientTo().path("/api/state/stream").header("Authorization", AUTH));
        JoinedClient c = b.join("streamed", m);

        c.client().sendText("{\"action\":\"status\"}");

        JsonNode event = Eventually.awaitValue(WAIT, "ws event for the client", () -> {
            JsonNode e = json(stream.awaitText(WAIT));
            return "ws".equals(e.path("event").asText()) && c.id().toString().equals(e.path("node_id").asText()) ? e : null;
        });
        assertTrue(List.of("rx", "tx").contains(event.path("direction").asText()), event.toString());
    }

    // ------------------------------------------------------------------ metrics

    @Test
    void metricsUseUpstreamNames() {
        RunningBalancer b = fx.balancer();
        b.connect(fx.monolith());

        HttpResponse<String> r = b.http().get("/api/status/metrics");

        assertEquals(200, r.statusCode());
        for (String name : List.of("balancer_clients", "balancer_http_requests", "balancer_discovery_completed",
                "balancer_discovered_monoliths", "balancer_connected_monoliths", "balancer_readiness_healthy",
                "balancer_proxy_requests_in_flight", "balancer_client_send_errors_total",
                "balancer_proxy_request_errors_total", "process_cpu_seconds_total")) {
            assertTrue(r.body().contains("\n" + name + " ") || r.body().contains("\n" + name + "{"), "missing " + name);
        }
    }

    @Test
    void connectedMonolithsMetricCountsMonolithsAsTheyConnectAndReadinessFollows() {
        RunningBalancer b = fx.balancer();
        b.connect(fx.monolith(), fx.monolith());

        Eventually.await(WAIT, "connected=2, discovered=2, healthy=1", () -> {
            String scrape = b.http().get("/api/status/metrics").body();
            return Double.valueOf(2.0).equals(metricValue(scrape, "balancer_connected_monoliths", ""))
                    && Double.valueOf(2.0).equals(metricValue(scrape, "balancer_discovered_monoliths", ""))
                    && Double.valueOf(1.0).equals(metricValue(scrape, "balancer_readiness_healthy", ""));
        });
    }

    @Test
    void closeCodesSentToClientsAreCounted() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient c = b.join("foo", m);

        m.send(new M2B.Kick(c.id(), 4005));
        c.client().awaitClose(WAIT);

        Eventually.await(WAIT, "close code 4005 counted", () -> {
            Double v = metricValue(b.http().get("/api/status/metrics").body(), "balancer_client_websocket_close_codes", "code=\"4005\"");
            return v != null && v >= 1.0;
        });
    }
}
