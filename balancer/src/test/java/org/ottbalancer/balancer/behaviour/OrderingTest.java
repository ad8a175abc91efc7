package org.ottbalancer.balancer.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.ottbalancer.balancer.behaviour.StateQueries.holds;
import static org.ottbalancer.balancer.harness.BalancerFixture.QUIET;
import static org.ottbalancer.balancer.harness.BalancerFixture.WAIT;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ottbalancer.balancer.harness.BalancerFixture;
import org.ottbalancer.balancer.harness.Eventually;
import org.ottbalancer.balancer.harness.JoinedClient;
import org.ottbalancer.balancer.harness.MockMonolith;
import org.ottbalancer.balancer.harness.RunningBalancer;
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.RawJson;
import org.ottbalancer.protocol.RoomName;
import org.ottbalancer.protocol.UnloadReason;

/**
 * Spec §5.11: the balancer applies one monolith's messages in the order it sent them (where
 * upstream may not), both for room state and for what reaches clients.
 */
class OrderingTest {
    @RegisterExtension
    final BalancerFixture fx = new BalancerFixture();

    /** The mapping line of {@code /api/balancing} for one room, e.g. {@code burst=<id> epoch 2}. */
    private static boolean mappedTo(RunningBalancer b, String room, MockMonolith m, long epoch) {
        String dump = b.http().get("/api/balancing", "Authorization", "Bearer " + BalancerFixture.API_KEY).body();
        return dump.contains(room + "=" + m.id() + " epoch " + epoch);
    }

    @Test
    void loadedUnloadedLoadedBurstLeavesTheRoomMappedWithTheLastEpoch() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        MockMonolith other = fx.monolith();
        b.connect(m, other);

        m.load("burst", 1);
        m.unload("burst", UnloadReason.Commanded);
        m.load("burst", 2);

        Eventually.await(WAIT, "burst mapped to " + m + " at epoch 2", () -> mappedTo(b, "burst", m, 2));
        Eventually.pauseFor(QUIET);
        assertTrue(mappedTo(b, "burst", m, 2), "the mapping must stay at the last epoch");
        assertSame(m, b.join("burst", m, other).monolith());
        m.awaitNoMessage(B2M.Unload.class, QUIET);
    }

    @Test
    void loadedThenUnloadedBurstLeavesTheRoomUnmapped() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        m.load("marker", 1);

        m.load("gone", 2);
        m.unload("gone", UnloadReason.Keepalive);
        m.load("marker-after", 3);

        Eventually.await(WAIT, "messages after the burst applied", () -> holds(b, m, "marker-after"));
        assertFalse(holds(b, m, "gone"));
    }

    @Test
    void roomMessagesInterleavedWithGossipReachTheClientInTheOrderSent() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        m.load("ordered", 1);
        Eventually.await(WAIT, "room held", () -> holds(b, m, "ordered"));
        JoinedClient c = b.join("ordered", m);
        int count = 200;

        for (int i = 0; i < count; i++) {
            RawJson payload = RawJson.of("{\"seq\":" + i + "}");
            // Alternate broadcasts and targeted messages: both must keep one order for the client.
            m.send(i % 2 == 0
                    ? M2B.RoomMsg.broadcast(RoomName.of("ordered"), payload)
                    : M2B.RoomMsg.to(RoomName.of("ordered"), c.id(), payload));
            if (i % 10 == 0) {
                m.gossip();
            }
        }

        List<String> received = new ArrayList<>();
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            expected.add("{\"seq\":" + i + "}");
            received.add(c.client().awaitText(WAIT));
        }
        assertEquals(expected, received);
        c.client().awaitStaysOpen(QUIET);
    }
}
