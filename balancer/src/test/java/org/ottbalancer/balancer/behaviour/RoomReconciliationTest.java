package org.ottbalancer.balancer.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.ottbalancer.balancer.behaviour.StateQueries.holds;
import static org.ottbalancer.balancer.harness.BalancerFixture.QUIET;
import static org.ottbalancer.balancer.harness.BalancerFixture.WAIT;

import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ottbalancer.balancer.harness.BalancerFixture;
import org.ottbalancer.balancer.harness.CloseStatus;
import org.ottbalancer.balancer.harness.Eventually;
import org.ottbalancer.balancer.harness.JoinedClient;
import org.ottbalancer.balancer.harness.MockMonolith;
import org.ottbalancer.balancer.harness.RunningBalancer;
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.RoomName;
import org.ottbalancer.protocol.UnloadReason;

/**
 * Spec §2.7, §5.4–§5.7, §5.10, §10.2–§10.6: how {@code loaded}, {@code unloaded} and {@code gossip}
 * reconcile the room map, and how duplicates are resolved by load epoch.
 */
class RoomReconciliationTest {
    private static final CloseStatus ENDED = new CloseStatus(1000, "client connection ended");

    @RegisterExtension
    final BalancerFixture fx = new BalancerFixture();

    private static boolean isUnloadOf(B2M.Unload u, String room) {
        return u.room().equals(RoomName.of(room));
    }

    private static MockMonolith other(JoinedClient c, MockMonolith a, MockMonolith b) {
        return c.monolith() == a ? b : a;
    }

    private void loadAndAwait(RunningBalancer b, MockMonolith m, String room, long epoch) {
        m.load(room, epoch);
        Eventually.await(WAIT, room + " held under " + m, () -> holds(b, m, room));
    }

    @Test
    void loadedFromTheOwnerReplacesThePlaceholderWithoutUnload() {
        RunningBalancer b = fx.balancer();
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        b.connect(m1, m2);
        JoinedClient c = b.join("foo", m1, m2);
        MockMonolith owner = c.monolith();

        owner.load("foo", 10);
        owner.awaitNoMessage(B2M.Unload.class, QUIET);

        other(c, m1, m2).load("foo", 20);
        other(c, m1, m2).awaitMessage(B2M.Unload.class, u -> isUnloadOf(u, "foo"), WAIT);
        owner.awaitNoMessage(B2M.Unload.class, QUIET);
    }

    @Test
    void youngerDuplicateOnAnotherMonolithIsToldToUnload() {
        RunningBalancer b = fx.balancer();
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        b.connect(m1, m2);
        loadAndAwait(b, m1, "foo", 5);

        m2.load("foo", 9);

        m2.awaitMessage(B2M.Unload.class, u -> isUnloadOf(u, "foo"), WAIT);
        m1.awaitNoMessage(B2M.Unload.class, QUIET);
        assertSame(m1, b.join("foo", m1, m2).monolith());
    }

    @Test
    void olderDuplicateOnAnotherMonolithTakesTheRoomOver() {
        RunningBalancer b = fx.balancer();
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        b.connect(m1, m2);
        loadAndAwait(b, m1, "foo", 9);

        m2.load("foo", 5);

        m1.awaitMessage(B2M.Unload.class, u -> isUnloadOf(u, "foo"), WAIT);
        m2.awaitNoMessage(B2M.Unload.class, QUIET);
        assertSame(m2, b.join("foo", m1, m2).monolith());
    }

    @Test
    void placeholderLosesToARealReportFromAnotherMonolith() {
        RunningBalancer b = fx.balancer();
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        b.connect(m1, m2);
        JoinedClient c = b.join("foo", m1, m2);

        other(c, m1, m2).load("foo", 50);

        c.monolith().awaitMessage(B2M.Unload.class, u -> isUnloadOf(u, "foo"), WAIT);
        assertSame(other(c, m1, m2), b.join("foo", m1, m2).monolith());
    }

    @Test
    void clientsOfADisplacedRoomAreClosedWith1000() {
        RunningBalancer b = fx.balancer();
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        b.connect(m1, m2);
        JoinedClient c = b.join("foo", m1, m2);
        c.monolith().load("foo", 9);

        other(c, m1, m2).load("foo", 5);

        assertEquals(ENDED, c.client().awaitClose(WAIT));
    }

    @Test
    void leaveOfADisplacedClientIsNeverSentToTheNewOwner() {
        RunningBalancer b = fx.balancer();
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        b.connect(m1, m2);
        JoinedClient c = b.join("foo", m1, m2);
        MockMonolith newOwner = other(c, m1, m2);
        c.monolith().load("foo", 9);

        newOwner.load("foo", 5);
        c.client().awaitClose(WAIT);

        newOwner.awaitNoMessage(B2M.Leave.class, QUIET);
    }

    @Test
    void equalEpochDuplicateKeepsTheExistingOwnerAndSendsNothing() {
        RunningBalancer b = fx.balancer();
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        b.connect(m1, m2);
        loadAndAwait(b, m1, "foo", 5);

        m2.load("foo", 5);

        m1.awaitNoMessage(B2M.Unload.class, QUIET);
        m2.awaitNoMessage(B2M.Unload.class, QUIET);
        assertSame(m1, b.join("foo", m1, m2).monolith());
    }

    @Test
    void repeatedReportsOfARoomFromItsOwnerNeverCauseUnload() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        loadAndAwait(b, m, "foo", 5);

        m.load("foo", 8);
        m.load("FOO", 3);
        m.gossip();

        m.awaitNoMessage(B2M.Unload.class, QUIET);
    }

    @Test
    void unloadedFromTheOwnerClosesTheRoomsClientsWith1000AndSendsNoLeave() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient c = b.join("foo", m);
        m.load("foo", 4);

        m.unload("foo", UnloadReason.Keepalive);

        assertEquals(ENDED, c.client().awaitClose(WAIT));
        m.awaitNoMessage(B2M.Leave.class, QUIET);
    }

    @Test
    void unloadedFromTheOwnerUnmapsTheRoom() {
        RunningBalancer b = fx.balancer();
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        b.connect(m1, m2);
        loadAndAwait(b, m1, "foo", 4);
        loadAndAwait(b, m1, "bar", 5);

        m1.unload("foo", UnloadReason.Admin);

        Eventually.await(WAIT, "foo no longer held under m1", () -> !holds(b, m1, "foo"));
        assertSame(m2, b.join("foo", m1, m2).monolith(), "MinRooms picks the monolith with fewer rooms once foo is unmapped");
    }

    @Test
    void unloadedFromAMonolithThatDoesNotOwnTheRoomLeavesTheMappingAlone() {
        RunningBalancer b = fx.balancer();
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        b.connect(m1, m2);
        loadAndAwait(b, m1, "foo", 9);
        m2.load("foo", 5);
        m1.awaitMessage(B2M.Unload.class, WAIT);

        m1.unload("foo", UnloadReason.Commanded);

        m2.awaitNoMessage(B2M.Unload.class, QUIET);
        assertSame(m2, b.join("foo", m1, m2).monolith());
    }

    @Test
    void gossipRemovesRoomsMissingFromItAndClosesTheirClients() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient c = b.join("foo", m);
        m.load("foo", 4);

        m.forget("foo");
        m.gossip();

        assertEquals(ENDED, c.client().awaitClose(WAIT));
        m.awaitNoMessage(B2M.Leave.class, QUIET);
        Eventually.await(WAIT, "foo gone", () -> !holds(b, m, "foo"));
    }

    @Test
    void gossipMapsRoomsSoThatJoinsFollowThem() {
        RunningBalancer b = fx.balancer();
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        b.connect(m1, m2);
        m2.holdSilently("foo", 4);
        m2.holdSilently("bar", 6);

        m2.gossip();
        Eventually.await(WAIT, "gossiped rooms held", () -> holds(b, m2, "foo") && holds(b, m2, "bar"));

        assertSame(m2, b.join("foo", m1, m2).monolith(), "an existing mapping beats MinRooms");
    }

    @Test
    void gossipRejectsAYoungerDuplicateOfARoomOwnedElsewhere() {
        RunningBalancer b = fx.balancer();
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        b.connect(m1, m2);
        loadAndAwait(b, m1, "foo", 2);

        m2.holdSilently("foo", 7);
        m2.gossip();

        m2.awaitMessage(B2M.Unload.class, u -> isUnloadOf(u, "foo"), WAIT);
        m1.awaitNoMessage(B2M.Unload.class, QUIET);
    }

    @Test
    void gossipFromTheOwnerUpgradesThePlaceholderWithoutUnloadAndLaterYoungerDuplicatesLose() {
        RunningBalancer b = fx.balancer();
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        b.connect(m1, m2);
        JoinedClient c = b.join("foo", m1, m2);
        MockMonolith owner = c.monolith();

        owner.holdSilently("foo", 3);
        owner.gossip();
        owner.awaitNoMessage(B2M.Unload.class, QUIET);

        other(c, m1, m2).load("foo", 10);
        other(c, m1, m2).awaitMessage(B2M.Unload.class, u -> isUnloadOf(u, "foo"), WAIT);
        owner.awaitNoMessage(B2M.Unload.class, QUIET);
        c.client().awaitStaysOpen(QUIET);
    }

    @Test
    void olderInstanceOfARoomSurvivesABalancerRestart() {
        AtomicLong epochs = new AtomicLong();
        MockMonolith m1 = fx.monolith(MockMonolith.Options.defaults().withAutoGreet(epochs));
        MockMonolith m2 = fx.monolith(MockMonolith.Options.defaults().withAutoGreet(epochs));
        RunningBalancer first = fx.balancer();
        first.connect(m1, m2);
        JoinedClient before = first.join("foo", m1, m2);
        MockMonolith original = before.monolith();
        Eventually.await(WAIT, "foo loaded", () -> holds(first, original, "foo"));

        first.close();
        before.client().awaitClose(WAIT);
        RunningBalancer second = fx.balancer();
        second.connect(m1, m2);
        JoinedClient after = second.join("foo", m1, m2);
        original.gossip();
        other(before, m1, m2).gossip();

        if (after.monolith() == original) {
            original.awaitNoMessage(B2M.Unload.class, QUIET);
        } else {
            original.awaitNoMessage(B2M.Unload.class, QUIET);
            after.monolith().awaitMessage(B2M.Unload.class, u -> isUnloadOf(u, "foo"), WAIT);
        }
        assertSame(original, second.join("foo", m1, m2).monolith());
    }
}
