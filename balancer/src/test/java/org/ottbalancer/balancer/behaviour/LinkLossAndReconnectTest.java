package org.ottbalancer.balancer.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.ottbalancer.balancer.behaviour.StateQueries.holds;
import static org.ottbalancer.balancer.harness.BalancerFixture.QUIET;
import static org.ottbalancer.balancer.harness.BalancerFixture.WAIT;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ottbalancer.balancer.harness.BalancerFixture;
import org.ottbalancer.balancer.harness.CloseStatus;
import org.ottbalancer.balancer.harness.Eventually;
import org.ottbalancer.balancer.harness.JoinedClient;
import org.ottbalancer.balancer.harness.MockMonolith;
import org.ottbalancer.balancer.harness.RunningBalancer;
import org.ottbalancer.protocol.B2M;

/** Spec §5.8, §6.1, §6.6 and §10.9: losing a monolith link, discovery changes, and re-dialling. */
class LinkLossAndReconnectTest {
    private static final CloseStatus ENDED = new CloseStatus(1000, "client connection ended");

    @RegisterExtension
    final BalancerFixture fx = new BalancerFixture();

    @Test
    void clientsOfAMonolithWhoseLinkClosesAreClosedWith1000() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient c = b.join("foo", m);

        m.closeLinks(1001, "Server shutting down");

        assertEquals(ENDED, c.client().awaitClose(WAIT));
    }

    @Test
    void clientsOfAMonolithWhoseConnectionResetsAreClosedWith1000() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient c = b.join("foo", m);

        m.dropLinks();

        assertEquals(ENDED, c.client().awaitClose(WAIT));
    }

    @Test
    void lostMonolithsRoomsAreRePlacedOnTheRemainingMonoliths() {
        RunningBalancer b = fx.balancer();
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        b.connect(m1, m2);
        m1.load("foo", 3);
        Eventually.await(WAIT, "foo held", () -> holds(b, m1, "foo"));

        m1.stop();
        b.awaitUnregistered(m1);

        assertSame(m2, b.join("foo", m1, m2).monolith());
    }

    @Test
    void noLeaveIsSentForClientsOfALostLink() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        b.join("foo", m);

        m.dropLinks();
        b.awaitRegistered(m);

        m.awaitNoMessage(B2M.Leave.class, QUIET);
    }

    @Test
    void droppedLinkIsRedialledAndTheMonolithIsRoutableAgain() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);

        m.dropLinks();
        m.awaitAcceptedLinks(2, WAIT);
        b.awaitRegistered(m);

        assertSame(m, b.join("after-reconnect", m).monolith());
    }

    @Test
    void monolithRestartedOnTheSamePortIsReconnected() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);

        m.stop();
        b.awaitUnregistered(m);
        m.restart();

        m.awaitAcceptedLinks(2, WAIT);
        b.awaitRegistered(m);
    }

    @Test
    void monolithDiscoveredBeforeItListensIsDialledUntilItAppears() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        m.stop();

        b.discover(m);
        Eventually.pauseFor(QUIET);
        m.restart();

        b.awaitRegistered(m);
    }

    @Test
    void discoveryRemovalDropsTheLinkWithoutACloseFrame() {
        RunningBalancer b = fx.balancer();
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        b.connect(m1, m2);

        b.discover(m2);

        m1.awaitNoLinks(WAIT);
        m1.awaitNoCloseFrame(QUIET);
        b.awaitUnregistered(m1);
    }

    @Test
    void discoveryRemovalClosesTheMonolithsClientsWith1000() {
        RunningBalancer b = fx.balancer();
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        b.connect(m1, m2);
        JoinedClient c = b.join("foo", m1, m2);
        MockMonolith other = c.monolith() == m1 ? m2 : m1;

        b.discover(other);

        assertEquals(ENDED, c.client().awaitClose(WAIT));
    }

    @Test
    void removedMonolithIsNotRedialled() {
        RunningBalancer b = fx.balancer();
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        b.connect(m1, m2);

        b.discover(m2);
        m1.awaitNoLinks(WAIT);
        int accepted = m1.acceptedLinks();

        Eventually.pauseFor(java.time.Duration.ofMillis(600));
        assertEquals(accepted, m1.acceptedLinks());
    }

    @Test
    void monolithReAddedByDiscoveryIsConnectedAgain() {
        RunningBalancer b = fx.balancer();
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        b.connect(m1, m2);
        b.discover(m2);
        b.awaitUnregistered(m1);

        b.connect(m1, m2);
    }

    @Test
    void otherMonolithsKeepServingWhileOneIsLost() {
        RunningBalancer b = fx.balancer();
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        b.connect(m1, m2);
        JoinedClient c = b.join("foo", m1, m2);
        MockMonolith other = c.monolith() == m1 ? m2 : m1;
        JoinedClient survivor = b.join("bar", m1, m2);
        assertSame(other, survivor.monolith(), "MinRooms puts the second room on the other monolith");

        c.monolith().dropLinks();
        c.client().awaitClose(WAIT);
        survivor.client().sendText("{\"still\":\"alive\"}");

        assertEquals("{\"still\":\"alive\"}", other.awaitMessage(B2M.ClientMsg.class, WAIT).payload().text());
    }
}
