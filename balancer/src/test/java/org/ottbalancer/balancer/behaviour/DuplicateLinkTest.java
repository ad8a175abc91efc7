package org.ottbalancer.balancer.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.ottbalancer.balancer.behaviour.StateQueries.holds;
import static org.ottbalancer.balancer.harness.BalancerFixture.QUIET;
import static org.ottbalancer.balancer.harness.BalancerFixture.WAIT;

import com.fasterxml.jackson.databind.JsonNode;
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
import org.ottbalancer.protocol.registry.MonolithEntry;

/**
 * One monolith reachable at two discovered addresses (for example a pod IP and a service name)
 * must be linked once: a second link would make it appear twice and deliver everything twice.
 */
class DuplicateLinkTest {
    @RegisterExtension
    final BalancerFixture fx = new BalancerFixture();

    /** Discovers {@code m} at its own port and at a second port that reaches the same monolith. */
    private static void discoverTwice(RunningBalancer b, MockMonolith m) {
        int second = m.listenOnAnotherPort();
        b.discoverer().set(m.entry(), MonolithEntry.active("127.0.0.1", second));
        b.awaitRegistered(m);
        // Both addresses have been dialled and handshaken at least once.
        m.awaitAcceptedLinks(2, WAIT);
    }

    private static int entriesFor(RunningBalancer b, MockMonolith m) {
        int count = 0;
        for (JsonNode entry : b.state().path("monoliths")) {
            if (entry.path("id").asText().equals(m.id().toString())) {
                count++;
            }
        }
        return count;
    }

    @Test
    void monolithDiscoveredAtTwoAddressesAppearsOnceInRoutingState() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();

        discoverTwice(b, m);

        assertEquals(1, entriesFor(b, m));
        assertEquals(1, b.registeredMonoliths().size());
    }

    @Test
    void joinThroughADoublyDiscoveredMonolithIsSentOnce() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        discoverTwice(b, m);

        JoinedClient c = b.join("twice", m);

        m.awaitNoMessage(B2M.Join.class, j -> j.client().equals(c.id()), QUIET);
    }

    @Test
    void broadcastFromADoublyDiscoveredMonolithIsDeliveredOnce() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        discoverTwice(b, m);
        m.load("twice", 1);
        Eventually.await(WAIT, "room held", () -> holds(b, m, "twice"));
        JoinedClient c = b.join("twice", m);

        // The mock sends on every link it has open, so a second link would carry it too.
        m.send(M2B.RoomMsg.broadcast(RoomName.of("twice"), RawJson.of("{\"action\":\"once\"}")));

        assertEquals("{\"action\":\"once\"}", c.client().awaitText(WAIT));
        c.client().awaitNoText(QUIET);
    }

    @Test
    void monolithStaysReachableThroughItsOtherAddressWhenOneStopsAnswering() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        discoverTwice(b, m);

        m.stop();

        Eventually.await(WAIT, "monolith linked again through its second address",
                () -> m.links() == 1 && b.registeredMonoliths().contains(m.id()));
        assertSame(m, b.join("after-stop", m).monolith());
    }
}
