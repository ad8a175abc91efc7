package org.ottbalancer.balancer.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.ottbalancer.balancer.behaviour.StateQueries.holds;
import static org.ottbalancer.balancer.harness.BalancerFixture.WAIT;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ottbalancer.balancer.config.SelectionStrategyConfig;
import org.ottbalancer.balancer.harness.BalancerFixture;
import org.ottbalancer.balancer.harness.Eventually;
import org.ottbalancer.balancer.harness.HttpReply;
import org.ottbalancer.balancer.harness.MockMonolith;
import org.ottbalancer.balancer.harness.RunningBalancer;

/**
 * Spec §12.1: a room made by a proxied {@code POST /api/room/generate} exists only on its creator
 * for a few seconds, so the balancer maps it to the creator as soon as the 201 response passes
 * through, before any {@code loaded}.
 */
class RoomCreationTest {
    @RegisterExtension
    final BalancerFixture fx = new BalancerFixture();

    private static String created(String room) {
        return "{\"success\":true,\"room\":\"" + room + "\"}";
    }

    private static HttpReply json(int status, String body) {
        return new HttpReply(status, Map.of("Content-Type", "application/json"), body);
    }

    /** The mock's default answer: names the monolith that served the request. */
    private static HttpReply servedBy(MockMonolith m) {
        return HttpReply.of(200, "monolith " + m.id()).withHeader("X-Monolith-Id", m.id().toString());
    }

    /** {@code m} answers {@code POST path} with {@code reply} and everything else as usual. */
    private static void answerPost(MockMonolith m, String path, HttpReply reply) {
        m.respondWith(r -> r.method().equals("POST") && r.uri().equals(path) ? reply : servedBy(m));
    }

    /** Which monolith an HTTP request for {@code room} goes to, without mapping it (spec §4.3). */
    private static String routeOf(RunningBalancer b, String room) {
        return b.http().get("/api/room/" + room).headers().firstValue("X-Monolith-Id").orElseThrow();
    }

    /** Posts {@code {}} to {@code path} and checks that {@code expected} is the monolith that answered. */
    private static HttpResponse<String> post(RunningBalancer b, String path, MockMonolith expected) {
        int before = expected.httpRequests().size();
        HttpResponse<String> response = b.http().post(path, "{}", "Content-Type", "application/json");
        assertEquals(before + 1, expected.httpRequests().size(), "POST " + path + " should have gone to " + expected);
        return response;
    }

    /**
     * {@code /api/room/generate} is itself a room route (room "generate", spec §4.1), so mapping the
     * rooms "generate" and "create" to {@code creator} makes it serve those requests. With two rooms
     * it is also the busier monolith, so MinRooms would put any new room on the other one.
     */
    private static void makeCreatorServeRoomCreation(RunningBalancer b, MockMonolith creator) {
        for (String room : new String[] {"generate", "create"}) {
            creator.load(room, 1);
            Eventually.await(WAIT, room + " held by " + creator, () -> holds(b, creator, room));
        }
    }

    @Test
    void joinRightAfterGenerateGoesToTheCreatorThoughMinRoomsWouldPickAnother() {
        RunningBalancer b = fx.balancer();
        MockMonolith creator = fx.monolith();
        MockMonolith idle = fx.monolith();
        b.connect(creator, idle);
        makeCreatorServeRoomCreation(b, creator);
        answerPost(creator, "/api/room/generate", json(201, created("abc")));
        assertEquals(idle.id().toString(), routeOf(b, "abc"));

        assertEquals(201, post(b, "/api/room/generate", creator).statusCode());

        assertSame(creator, b.join("abc", creator, idle).monolith());
    }

    @Test
    void joinRightAfterGenerateGoesToTheCreatorThoughTheHashRingPointsElsewhere() {
        RunningBalancer b = fx.balancer(c -> c.withSelectionStrategy(new SelectionStrategyConfig.HashRing(5)));
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        b.connect(m1, m2);
        MockMonolith creator = routeOf(b, "generate").equals(m1.id().toString()) ? m1 : m2;
        MockMonolith hashed = creator == m1 ? m2 : m1;
        String room = null;
        for (int i = 0; room == null && i < 64; i++) {
            if (routeOf(b, "fresh-" + i).equals(hashed.id().toString())) {
                room = "fresh-" + i;
            }
        }
        if (room == null) {
            throw new AssertionError("no room name among 64 hashes to " + hashed);
        }
        answerPost(creator, "/api/room/generate", json(201, created(room)));

        post(b, "/api/room/generate", creator);

        assertSame(creator, b.join(room, creator, hashed).monolith());
    }

    @Test
    void generateAnsweredWithAStatusOtherThan201MapsNothing() {
        RunningBalancer b = fx.balancer();
        MockMonolith creator = fx.monolith();
        MockMonolith idle = fx.monolith();
        b.connect(creator, idle);
        makeCreatorServeRoomCreation(b, creator);
        answerPost(creator, "/api/room/generate", json(200, created("abc")));

        post(b, "/api/room/generate", creator);

        assertFalse(holds(b, creator, "abc"));
        assertSame(idle, b.join("abc", creator, idle).monolith());
    }

    @Test
    void createdResponseToARequestOtherThanGenerateMapsNothing() {
        RunningBalancer b = fx.balancer();
        MockMonolith creator = fx.monolith();
        MockMonolith idle = fx.monolith();
        b.connect(creator, idle);
        makeCreatorServeRoomCreation(b, creator);
        answerPost(creator, "/api/room/create", json(201, created("abc")));

        post(b, "/api/room/create", creator);

        assertFalse(holds(b, creator, "abc"));
        assertSame(idle, b.join("abc", creator, idle).monolith());
    }
}
