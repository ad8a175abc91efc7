package org.ottbalancer.balancer.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ottbalancer.balancer.behaviour.StateQueries.holds;
import static org.ottbalancer.balancer.harness.BalancerFixture.QUIET;
import static org.ottbalancer.balancer.harness.BalancerFixture.WAIT;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ottbalancer.balancer.harness.BalancerFixture;
import org.ottbalancer.balancer.harness.Eventually;
import org.ottbalancer.balancer.harness.JoinedClient;
import org.ottbalancer.balancer.harness.MockMonolith;
import org.ottbalancer.balancer.harness.RunningBalancer;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.RawJson;
import org.ottbalancer.protocol.RoomName;
import org.ottbalancer.protocol.UnloadReason;

/**
 * Rooms the balancer placed itself (placeholders, spec §5.4) before the monolith reports them:
 * they survive a gossip the monolith built before it saw the join (fixing the §5.7 race), and
 * vanish with their last client when the monolith refused the join.
 */
class PlaceholderTest {
    private static final int ROOM_NOT_FOUND = 4002;

    @RegisterExtension
    final BalancerFixture fx = new BalancerFixture();

    private static void loadAndAwait(RunningBalancer b, MockMonolith m, String room, long epoch) {
        m.load(room, epoch);
        Eventually.await(WAIT, room + " held by " + m, () -> holds(b, m, room));
    }

    @Test
    void placeholderSurvivesAGossipBuiltBeforeTheJoin() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        loadAndAwait(b, m, "older-room", 1);
        JoinedClient joined = b.join("fresh", m);

        m.gossip(); // lists only older-room: built before the monolith handled the join
        m.load("late-marker", 2);
        Eventually.await(WAIT, "messages after the gossip applied", () -> holds(b, m, "late-marker"));

        assertTrue(holds(b, m, "fresh"));
        joined.client().awaitStaysOpen(QUIET);
    }

    @Test
    void clientOfAPlaceholderStillReceivesBroadcastsAfterSuchAGossip() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient joined = b.join("fresh", m);

        m.gossip();
        m.load("fresh", 7);
        m.send(M2B.RoomMsg.broadcast(RoomName.of("fresh"), RawJson.of("{\"action\":\"sync\"}")));

        assertEquals("{\"action\":\"sync\"}", joined.client().awaitText(WAIT));
        joined.client().awaitStaysOpen(QUIET);
    }

    @Test
    void roomWhoseOnlyClientWasRefusedWith4002DisappearsFromState() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient joined = b.join("no-such-room", m);
        Eventually.await(WAIT, "placeholder listed", () -> holds(b, m, "no-such-room"));

        m.send(new M2B.Kick(joined.id(), ROOM_NOT_FOUND));

        assertEquals(ROOM_NOT_FOUND, joined.client().awaitClose(WAIT).code());
        Eventually.await(WAIT, "refused room forgotten", () -> !holds(b, m, "no-such-room"));
    }

    @Test
    void refusedPlaceholdersNoLongerCountForMinRooms() {
        RunningBalancer b = fx.balancer();
        MockMonolith refusing = fx.monolith();
        MockMonolith other = fx.monolith();
        b.connect(refusing, other);
        loadAndAwait(b, other, "real-1", 1);
        loadAndAwait(b, other, "real-2", 2);
        // With 0 rooms against 2, then 1 against 2, both new rooms go to `refusing`.
        JoinedClient ghost1 = b.join("ghost-1", refusing, other);
        JoinedClient ghost2 = b.join("ghost-2", refusing, other);
        assertSame(refusing, ghost1.monolith());
        assertSame(refusing, ghost2.monolith());
        other.unload("real-2", UnloadReason.Keepalive);
        Eventually.await(WAIT, "real-2 unloaded", () -> !holds(b, other, "real-2"));

        refusing.send(new M2B.Kick(ghost1.id(), ROOM_NOT_FOUND));
        refusing.send(new M2B.Kick(ghost2.id(), ROOM_NOT_FOUND));
        ghost1.client().awaitClose(WAIT);
        ghost2.client().awaitClose(WAIT);
        Eventually.await(WAIT, "refused rooms forgotten",
                () -> !holds(b, refusing, "ghost-1") && !holds(b, refusing, "ghost-2"));

        // 0 rooms against 1: had the refused placeholders lingered it would be 2 against 1.
        assertSame(refusing, b.join("next-room", refusing, other).monolith());
    }
}
