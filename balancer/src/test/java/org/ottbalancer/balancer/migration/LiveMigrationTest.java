package org.ottbalancer.balancer.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ottbalancer.balancer.harness.BalancerFixture.QUIET;
import static org.ottbalancer.balancer.harness.BalancerFixture.WAIT;
import static org.ottbalancer.balancer.migration.MigrationSteps.LONG_FREEZE_MS;
import static org.ottbalancer.balancer.migration.MigrationSteps.announceAgent;
import static org.ottbalancer.balancer.migration.MigrationSteps.announceDraining;
import static org.ottbalancer.balancer.migration.MigrationSteps.answerJoin;
import static org.ottbalancer.balancer.migration.MigrationSteps.awaitAndAnswerJoinOf;
import static org.ottbalancer.balancer.migration.MigrationSteps.awaitClientMsg;
import static org.ottbalancer.balancer.migration.MigrationSteps.awaitJoinOf;
import static org.ottbalancer.balancer.migration.MigrationSteps.awaitThawed;
import static org.ottbalancer.balancer.migration.MigrationSteps.freeze;
import static org.ottbalancer.balancer.migration.MigrationSteps.load;
import static org.ottbalancer.balancer.migration.MigrationSteps.metric;
import static org.ottbalancer.balancer.migration.MigrationSteps.move;
import static org.ottbalancer.balancer.migration.MigrationSteps.nextClientMessages;
import static org.ottbalancer.balancer.migration.MigrationSteps.rendezvous;
import static org.ottbalancer.balancer.migration.MigrationSteps.roomFavouring;
import static org.ottbalancer.balancer.migration.MigrationSteps.unloadForMove;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ottbalancer.balancer.config.MigrationConfig;
import org.ottbalancer.balancer.harness.BalancerFixture;
import org.ottbalancer.balancer.harness.CloseStatus;
import org.ottbalancer.balancer.harness.Eventually;
import org.ottbalancer.balancer.harness.JoinedClient;
import org.ottbalancer.balancer.harness.MockClient;
import org.ottbalancer.balancer.harness.MockMonolith;
import org.ottbalancer.balancer.harness.RunningBalancer;
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.RawJson;
import org.ottbalancer.protocol.RoomName;

/**
 * Live room migration in the default {@code auto} mode with a monolith agent on the link: a frozen
 * room's client frames are held, and when the room leaves its monolith its clients re-join a new
 * home over the same sockets, with the same ids and tokens, and their held frames follow in order.
 */
class LiveMigrationTest {
    private static final String ROOM = "foo";

    @RegisterExtension
    final BalancerFixture fx = new BalancerFixture();

    /** One balancer linked to two monoliths; the room lives on {@code from}, whose agent announced itself. */
    private record Rig(RunningBalancer b, MockMonolith from, MockMonolith to) {
        JoinedClient join() {
            JoinedClient c = b.join(ROOM, from, to);
            assertSame(from, c.monolith(), "the room's clients join the monolith that loaded it");
            return c;
        }
    }

    private Rig rig() {
        return rig(MigrationSteps.migration(MigrationConfig.Mode.AUTO));
    }

    private Rig rig(MigrationConfig migration) {
        RunningBalancer b = fx.balancer(c -> c.withMigration(migration));
        MockMonolith from = fx.monolith();
        MockMonolith to = fx.monolith();
        b.connect(from, to);
        announceAgent(b, from);
        load(from, ROOM, 1, b);
        return new Rig(b, from, to);
    }

    private static String frame(int n) {
        return "{\"n\":" + n + "}";
    }

    // ------------------------------------------------------------------ freeze

    @Test
    void frozenRoomHoldsItsClientsFramesAndKeepsTheClientOpen() {
        Rig r = rig();
        JoinedClient c = r.join();
        freeze(r.from(), ROOM, LONG_FREEZE_MS, r.b());

        c.client().sendText(frame(1));

        r.from().awaitNoMessage(B2M.ClientMsg.class, QUIET);
        c.client().awaitStaysOpen(Duration.ZERO);
    }

    @Test
    void unfreezeReleasesTheHeldFramesToTheSameMonolithInOrder() {
        Rig r = rig();
        JoinedClient c = r.join();
        freeze(r.from(), ROOM, LONG_FREEZE_MS, r.b());
        for (int i = 1; i <= 3; i++) {
            c.client().sendText(frame(i));
        }
        r.from().awaitNoMessage(B2M.ClientMsg.class, QUIET);

        r.from().send(new M2B.Unfreeze(RoomName.of(ROOM)));

        for (int i = 1; i <= 3; i++) {
            assertEquals(frame(i), awaitClientMsg(r.from(), c.id()));
        }
    }

    @Test
    void unfreezeSendsNoJoinAnywhere() {
        Rig r = rig();
        JoinedClient c = r.join();
        freeze(r.from(), ROOM, LONG_FREEZE_MS, r.b());
        c.client().sendText(frame(1));

        r.from().send(new M2B.Unfreeze(RoomName.of(ROOM)));

        assertEquals(frame(1), awaitClientMsg(r.from(), c.id()));
        r.from().awaitNoMessage(B2M.Join.class, QUIET);
        r.to().awaitNoMessage(B2M.Join.class, Duration.ZERO);
    }

    @Test
    void freezeEndsAtItsDeadlineAndTheHeldFramesGoToTheSameMonolith() {
        Rig r = rig();
        JoinedClient c = r.join();
        freeze(r.from(), ROOM, 400, r.b());
        c.client().sendText(frame(1));
        c.client().sendText(frame(2));

        awaitThawed(r.b());

        assertEquals(frame(1), awaitClientMsg(r.from(), c.id()));
        assertEquals(frame(2), awaitClientMsg(r.from(), c.id()));
        r.to().awaitNoMessage(B2M.Join.class, QUIET);
    }

    @Test
    void maxFreezeCapsTheDeadlineTheAgentAsksFor() {
        MigrationConfig shortFreeze = new MigrationConfig(MigrationConfig.Mode.AUTO, 1024, 4L << 20,
                MigrationSteps.TIMEOUT, Duration.ofMillis(300));
        Rig r = rig(shortFreeze);
        JoinedClient c = r.join();
        freeze(r.from(), ROOM, 60_000, r.b());
        c.client().sendText(frame(1));

        assertEquals(frame(1), awaitClientMsg(r.from(), c.id()));
    }

    @Test
    void framesSentAfterTheThawGoStraightToTheSameMonolith() {
        Rig r = rig();
        JoinedClient c = r.join();
        freeze(r.from(), ROOM, LONG_FREEZE_MS, r.b());
        r.from().send(new M2B.Unfreeze(RoomName.of(ROOM)));
        awaitThawed(r.b());

        c.client().sendText(frame(7));

        assertEquals(frame(7), awaitClientMsg(r.from(), c.id()));
    }

    // ------------------------------------------------------------------ the move

    @Test
    void unloadAfterFreezeSendsNoCloseToTheClient() {
        Rig r = rig();
        JoinedClient c = r.join();

        move(r.b(), r.from(), ROOM, c);

        awaitJoinOf(r.to(), c.id());
        c.client().awaitStaysOpen(QUIET);
        assertEquals(0, c.client().closeFramesReceived());
    }

    @Test
    void movedClientJoinsTheNewHomeWithTheSameClientIdAndToken() {
        Rig r = rig();
        JoinedClient c = r.join();

        move(r.b(), r.from(), ROOM, c);

        B2M.Join join = awaitJoinOf(r.to(), c.id());
        assertEquals(c.join().token(), join.token());
        assertEquals(RoomName.of(ROOM), join.room());
    }

    @Test
    void heldFramesFollowTheJoinOnTheNewHomeInOrder() {
        Rig r = rig();
        JoinedClient c = r.join();
        freeze(r.from(), ROOM, LONG_FREEZE_MS, r.b());
        for (int i = 1; i <= 3; i++) {
            c.client().sendText(frame(i));
        }

        unloadForMove(r.from(), ROOM, c.id());

        B2M.Join join = (B2M.Join) nextClientMessages(r.to(), 1).get(0);
        assertEquals(new B2M.Join(RoomName.of(ROOM), c.id(), c.join().token()), join);
        answerJoin(r.to(), join);
        List<B2M> received = nextClientMessages(r.to(), 3);
        for (int i = 1; i <= 3; i++) {
            B2M.ClientMsg msg = (B2M.ClientMsg) received.get(i - 1);
            assertEquals(c.id(), msg.clientId());
            assertEquals(frame(i), msg.payload().text());
        }
        r.from().awaitNoMessage(B2M.ClientMsg.class, QUIET);
    }

    /**
     * The new home broadcasts a chat message to the room's members at the moment it handles it; a
     * client whose join it has not completed yet is not among them and sees the message only in a
     * later {@code sync}'s history. A monolith that has just started (a rolling update) can take
     * longer than the grace to complete the joins of a whole room, so the held frames of a client
     * must not go before its own join is answered: the room's other joins, sent at the same moment,
     * are then complete too.
     */
    @Test
    void heldFramesWaitUntilTheNewHomeHasAnsweredTheJoin() {
        Rig r = rig();
        JoinedClient answered = r.join();
        JoinedClient unanswered = r.join();
        freeze(r.from(), ROOM, LONG_FREEZE_MS, r.b());
        answered.client().sendText(frame(1));
        unanswered.client().sendText(frame(2));

        unloadForMove(r.from(), ROOM, answered.id(), unanswered.id());
        B2M.Join first = awaitJoinOf(r.to(), answered.id());
        awaitJoinOf(r.to(), unanswered.id());
        answerJoin(r.to(), first);

        assertEquals(frame(1), awaitClientMsg(r.to(), answered.id()));
        r.to().awaitNoMessage(B2M.ClientMsg.class, m -> m.clientId().equals(unanswered.id()),
                MigrationConfig.DEFAULT_REJOIN_GRACE.multipliedBy(2));
        answerJoin(r.to(), new B2M.Join(RoomName.of(ROOM), unanswered.id(), unanswered.join().token()));
        assertEquals(frame(2), awaitClientMsg(r.to(), unanswered.id()));
    }

    @Test
    void heldFramesWaitTheRejoinGraceAfterTheAnswer() {
        Duration grace = Duration.ofMillis(1500);
        MigrationConfig base = MigrationSteps.migration(MigrationConfig.Mode.AUTO);
        Rig r = rig(new MigrationConfig(base.mode(), base.bufferFrames(), base.bufferBytes(), base.timeout(),
                base.maxFreeze(), grace));
        JoinedClient c = r.join();
        freeze(r.from(), ROOM, LONG_FREEZE_MS, r.b());
        c.client().sendText(frame(1));

        unloadForMove(r.from(), ROOM, c.id());
        awaitAndAnswerJoinOf(r.to(), c.id());

        r.to().awaitNoMessage(B2M.ClientMsg.class, QUIET);
        assertEquals(frame(1), awaitClientMsg(r.to(), c.id()));
    }

    @Test
    void heldFramesOfARejoinThatIsNeverAnsweredFollowAfterTheMigrationTimeout() {
        Rig r = rig();
        JoinedClient c = r.join();
        freeze(r.from(), ROOM, LONG_FREEZE_MS, r.b());
        c.client().sendText(frame(1));

        unloadForMove(r.from(), ROOM, c.id());
        awaitJoinOf(r.to(), c.id());

        r.to().awaitNoMessage(B2M.ClientMsg.class, MigrationSteps.TIMEOUT.dividedBy(2));
        assertEquals(frame(1), awaitClientMsg(r.to(), c.id()));
        c.client().awaitStaysOpen(Duration.ZERO);
    }

    @Test
    void framesSentAfterTheMoveGoToTheNewHome() {
        Rig r = rig();
        JoinedClient c = r.join();
        move(r.b(), r.from(), ROOM, c);
        awaitAndAnswerJoinOf(r.to(), c.id());

        c.client().sendText(frame(9));

        assertEquals(frame(9), awaitClientMsg(r.to(), c.id()));
        r.from().awaitNoMessage(B2M.ClientMsg.class, QUIET);
    }

    @Test
    void broadcastFromTheNewHomeReachesAMovedClient() {
        Rig r = rig();
        JoinedClient c = r.join();
        move(r.b(), r.from(), ROOM, c);
        awaitJoinOf(r.to(), c.id());

        r.to().send(M2B.RoomMsg.broadcast(RoomName.of(ROOM), RawJson.of("{\"from\":\"new home\"}")));

        assertEquals("{\"from\":\"new home\"}", c.client().awaitText(WAIT));
    }

    @Test
    void everyClientOfTheRoomMovesTogether() {
        Rig r = rig();
        JoinedClient first = r.join();
        JoinedClient second = r.join();

        move(r.b(), r.from(), ROOM, first, second);

        awaitJoinOf(r.to(), first.id());
        awaitJoinOf(r.to(), second.id());
    }

    @Test
    void clientJoiningAFrozenRoomIsHeldBackFromTheMonolithThatIsGivingItUp() {
        Rig r = rig();
        r.join();
        freeze(r.from(), ROOM, LONG_FREEZE_MS, r.b());

        MockClient newcomer = r.b().open(ROOM);
        newcomer.auth("newcomer-token");

        MigrationSteps.awaitHeldClients(r.b(), 1);
        r.from().awaitNoMessage(B2M.Join.class, QUIET);
        r.to().awaitNoMessage(B2M.Join.class, Duration.ZERO);
        newcomer.awaitStaysOpen(Duration.ZERO);
    }

    @Test
    void clientThatJoinedAFrozenRoomJoinsTheNewHomeAfterTheMove() {
        Rig r = rig();
        JoinedClient c = r.join();
        freeze(r.from(), ROOM, LONG_FREEZE_MS, r.b());
        MockClient newcomer = r.b().open(ROOM);
        newcomer.auth("newcomer-token");
        newcomer.sendText(frame(1));
        MigrationSteps.awaitHeldClients(r.b(), 1);

        unloadForMove(r.from(), ROOM, c.id());

        B2M.Join join = r.to().awaitMessage(B2M.Join.class, j -> j.token().equals("newcomer-token"), WAIT);
        answerJoin(r.to(), join);
        assertEquals(frame(1), awaitClientMsg(r.to(), join.client()));
        r.from().awaitNoMessage(B2M.Join.class, Duration.ZERO);
    }

    @Test
    void clientThatJoinedAFrozenRoomJoinsTheSameMonolithWhenTheFreezeIsLifted() {
        Rig r = rig();
        r.join();
        freeze(r.from(), ROOM, LONG_FREEZE_MS, r.b());
        MockClient newcomer = r.b().open(ROOM);
        newcomer.auth("newcomer-token");
        MigrationSteps.awaitHeldClients(r.b(), 1);

        r.from().send(new M2B.Unfreeze(RoomName.of(ROOM)));

        r.from().awaitMessage(B2M.Join.class, j -> j.token().equals("newcomer-token"), WAIT);
        r.to().awaitNoMessage(B2M.Join.class, Duration.ZERO);
    }

    // ------------------------------------------------------------------ choosing the new home

    @Test
    void twoBalancersMoveTheSameRoomsClientsToTheSameMonolith() {
        MockMonolith a = fx.monolith();
        MockMonolith m2 = fx.monolith();
        MockMonolith m3 = fx.monolith();
        RunningBalancer b1 = fx.balancer(MigrationSteps.mode(MigrationConfig.Mode.AUTO));
        RunningBalancer b2 = fx.balancer(MigrationSteps.mode(MigrationConfig.Mode.AUTO));
        b1.connect(a, m2, m3);
        b2.connect(a, m2, m3);
        String room = roomFavouring(b1, a, a, m2, m3);
        announceAgent(b1, a);
        announceAgent(b2, a);
        load(a, room, 1, b1, b2);
        JoinedClient c1 = b1.join(room, a, m2, m3);
        JoinedClient c2 = b2.join(room, a, m2, m3);
        assertSame(a, c1.monolith());
        assertSame(a, c2.monolith());

        freeze(a, room, LONG_FREEZE_MS, b1, b2);
        unloadForMove(a, room, c1.id(), c2.id());

        MockMonolith home1 = RunningBalancer.awaitJoin(c1.client(), c1.join().token(), m2, m3).monolith();
        MockMonolith home2 = RunningBalancer.awaitJoin(c2.client(), c2.join().token(), m2, m3).monolith();
        assertSame(home1, home2, "both balancers chose the same new home");
        assertSame(rendezvous(b1, room, m2, m3), home1);
    }

    @Test
    void aNewerCopyReportedWhileTheRoomIsFrozenIsFollowedNotUnloaded() {
        // Another balancer has already moved its clients to m2 and m2 reports the room before this
        // balancer has seen a's "unloaded": m2's copy is the successor, not a duplicate.
        RunningBalancer b = fx.balancer(MigrationSteps.mode(MigrationConfig.Mode.AUTO));
        MockMonolith a = fx.monolith();
        MockMonolith m2 = fx.monolith();
        b.connect(a, m2);
        announceAgent(b, a);
        announceAgent(b, m2);
        load(a, ROOM, 1, b);
        JoinedClient c = b.join(ROOM, a, m2);
        freeze(a, ROOM, LONG_FREEZE_MS, b);

        m2.load(ROOM, 2);

        awaitJoinOf(m2, c.id());
        m2.awaitNoMessage(B2M.Unload.class, QUIET);
        a.awaitNoMessage(B2M.Unload.class, Duration.ZERO);
        assertEquals(m2.id(), MigrationSteps.owner(b, ROOM));
        c.client().awaitStaysOpen(Duration.ZERO);
    }

    @Test
    void newHomeIsNeverTheMonolithTheRoomLeft() {
        RunningBalancer b = fx.balancer(MigrationSteps.mode(MigrationConfig.Mode.AUTO));
        MockMonolith a = fx.monolith();
        MockMonolith m2 = fx.monolith();
        MockMonolith m3 = fx.monolith();
        b.connect(a, m2, m3);
        // Rendezvous over all three would choose the monolith the room is leaving.
        String room = roomFavouring(b, a, a, m2, m3);
        announceAgent(b, a);
        load(a, room, 1, b);
        JoinedClient c = b.join(room, a, m2, m3);

        freeze(a, room, LONG_FREEZE_MS, b);
        unloadForMove(a, room, c.id());

        MockMonolith home = RunningBalancer.awaitJoin(c.client(), c.join().token(), a, m2, m3).monolith();
        assertNotEquals(a, home);
        assertSame(rendezvous(b, room, m2, m3), home);
    }

    @Test
    void newHomeIsNeverAMonolithThatAnnouncedItIsDraining() {
        RunningBalancer b = fx.balancer(MigrationSteps.mode(MigrationConfig.Mode.AUTO));
        MockMonolith a = fx.monolith();
        MockMonolith m2 = fx.monolith();
        MockMonolith m3 = fx.monolith();
        b.connect(a, m2, m3);
        String room = roomFavouring(b, m2, m2, m3);
        announceAgent(b, a);
        announceDraining(b, m2);
        load(a, room, 1, b);
        JoinedClient c = b.join(room, a, m2, m3);

        freeze(a, room, LONG_FREEZE_MS, b);
        unloadForMove(a, room, c.id());

        awaitJoinOf(m3, c.id());
        m2.awaitNoMessage(B2M.Join.class, QUIET);
    }

    @Test
    void clientsOfAReplacedCopyGoToTheMonolithHoldingTheOlderCopyRatherThanTheRendezvousChoice() {
        RunningBalancer b = fx.balancer(MigrationSteps.mode(MigrationConfig.Mode.AUTO));
        MockMonolith a = fx.monolith();
        MockMonolith m2 = fx.monolith();
        MockMonolith m3 = fx.monolith();
        b.connect(a, m2, m3);
        String room = roomFavouring(b, m3, m2, m3);
        announceAgent(b, a);
        load(a, room, 5, b);
        JoinedClient c = b.join(room, a, m2, m3);

        // The older copy wins (spec 5.5): the room's home is now m2, whatever rendezvous says.
        m2.load(room, 3);

        B2M.Join join = awaitJoinOf(m2, c.id());
        assertEquals(c.join().token(), join.token());
        m3.awaitNoMessage(B2M.Join.class, QUIET);
        assertEquals(0, c.client().closeFramesReceived());
    }

    /**
     * A room that found no home when it left (its monolith died and the only other one is
     * draining) gets one as soon as a monolith reports holding it: its clients go there instead
     * of waiting for the timeout and being closed.
     */
    @Test
    void waitingClientsJoinAMonolithThatReportsTheRoomWhileTheyWait() {
        RunningBalancer b = fx.balancer(MigrationSteps.mode(MigrationConfig.Mode.AUTO));
        MockMonolith a = fx.monolith();
        MockMonolith m2 = fx.monolith();
        b.connect(a, m2);
        announceAgent(b, a);
        announceDraining(b, m2);
        load(a, ROOM, 1, b);
        JoinedClient c = b.join(ROOM, a, m2);
        a.stop();
        m2.awaitNoMessage(B2M.Join.class, QUIET);

        m2.load(ROOM, 2);

        B2M.Join join = awaitJoinOf(m2, c.id());
        assertEquals(c.join().token(), join.token());
        assertEquals(0, c.client().closeFramesReceived());
    }

    @Test
    void drainingMonolithGetsNoNewRooms() {
        RunningBalancer b = fx.balancer(MigrationSteps.mode(MigrationConfig.Mode.AUTO));
        MockMonolith draining = fx.monolith();
        MockMonolith active = fx.monolith();
        b.connect(draining, active);
        announceDraining(b, draining);

        for (int i = 0; i < 4; i++) {
            JoinedClient c = b.join("fresh" + i, draining, active);
            assertSame(active, c.monolith(), "room fresh" + i + " placed on the draining monolith");
        }
    }

    // ------------------------------------------------------------------ link loss and fallback

    @Test
    void clientsOfAMonolithWhoseLinkDropsRejoinAnotherMonolithWithoutAClose() {
        Rig r = rig();
        JoinedClient c = r.join();

        r.from().dropLinks();

        B2M.Join join = awaitJoinOf(r.to(), c.id());
        assertEquals(c.join().token(), join.token());
        c.client().awaitStaysOpen(QUIET);
        assertEquals(0, c.client().closeFramesReceived());
    }

    @Test
    void goingAwayKickWithoutUnloadRejoinsTheSameMonolithAfterTheFallback() {
        Rig r = rig();
        JoinedClient c = r.join();

        r.from().send(new M2B.Kick(c.id(), 1001));

        B2M.Join join = awaitJoinOf(r.from(), c.id());
        assertEquals(c.join().token(), join.token());
        r.to().awaitNoMessage(B2M.Join.class, Duration.ZERO);
        assertEquals(0, c.client().closeFramesReceived());
    }

    @Test
    void goingAwayKickWithoutUnloadFromADrainingMonolithRejoinsElsewhereAfterTheFallback() {
        Rig r = rig();
        JoinedClient c = r.join();
        announceDraining(r.b(), r.from());

        r.from().send(new M2B.Kick(c.id(), 1001));

        awaitJoinOf(r.to(), c.id());
        r.from().awaitNoMessage(B2M.Join.class, Duration.ZERO);
        assertEquals(0, c.client().closeFramesReceived());
    }

    /**
     * The new home's link can die between the balancer choosing it and sending the {@code join}
     * (here: the control thread lags while the link drops). The client must then wait for another
     * home like any other client of a moving room, not be left open and attached to nothing.
     */
    @Test
    void clientWhoseNewHomeIsLostAsItMovesFindsAnotherHome() throws Exception {
        RunningBalancer b = fx.balancer(MigrationSteps.mode(MigrationConfig.Mode.AUTO));
        MockMonolith a = fx.monolith();
        MockMonolith m2 = fx.monolith();
        MockMonolith m3 = fx.monolith();
        b.connect(a, m2, m3);
        String room = roomFavouring(b, m2, m2, m3);
        announceAgent(b, a);
        load(a, room, 1, b);
        JoinedClient c = b.join(room, a, m2, m3);
        freeze(a, room, LONG_FREEZE_MS, b);

        try (AutoCloseable lagging = MigrationSteps.pauseControl(b)) {
            unloadForMove(a, room, c.id());
            m2.stop();
            Eventually.await(WAIT, "balancer noticed the lost link", () -> !MigrationSteps.link(b, m2).isOpen());
        }

        awaitJoinOf(m3, c.id());
        c.client().awaitStaysOpen(QUIET);
    }

    // ------------------------------------------------------------------ failures

    @Test
    void clientsWithoutANewHomeAreClosedWith1000AfterTheTimeout() {
        MigrationConfig quick = new MigrationConfig(MigrationConfig.Mode.AUTO, 1024, 4L << 20,
                Duration.ofMillis(800), MigrationSteps.MAX_FREEZE);
        RunningBalancer b = fx.balancer(c -> c.withMigration(quick));
        MockMonolith only = fx.monolith();
        b.connect(only);
        announceAgent(b, only);
        load(only, ROOM, 1, b);
        JoinedClient c = b.join(ROOM, only);

        move(b, only, ROOM, c);

        c.client().awaitStaysOpen(Duration.ofMillis(300));
        assertEquals(1000, c.client().awaitClose(WAIT).code());
        only.awaitNoMessage(B2M.Join.class, Duration.ZERO);
    }

    @Test
    void bufferOverflowWhileFrozenClosesThatClientWith1000() {
        Rig r = rig(new MigrationConfig(MigrationConfig.Mode.AUTO, 3, 4L << 20, MigrationSteps.TIMEOUT, MigrationSteps.MAX_FREEZE));
        JoinedClient chatty = r.join();
        freeze(r.from(), ROOM, LONG_FREEZE_MS, r.b());

        for (int i = 1; i <= 4; i++) {
            chatty.client().sendText(frame(i));
        }

        assertEquals(1000, chatty.client().awaitClose(WAIT).code());
    }

    @Test
    void bufferOverflowOfOneClientLeavesTheOthersHeldAndOpen() {
        Rig r = rig(new MigrationConfig(MigrationConfig.Mode.AUTO, 3, 4L << 20, MigrationSteps.TIMEOUT, MigrationSteps.MAX_FREEZE));
        JoinedClient chatty = r.join();
        JoinedClient quiet = r.join();
        freeze(r.from(), ROOM, LONG_FREEZE_MS, r.b());
        quiet.client().sendText(frame(100));
        for (int i = 1; i <= 4; i++) {
            chatty.client().sendText(frame(i));
        }
        chatty.client().awaitClose(WAIT);

        r.from().send(new M2B.Unfreeze(RoomName.of(ROOM)));

        assertEquals(frame(100), awaitClientMsg(r.from(), quiet.id()));
        quiet.client().awaitStaysOpen(QUIET);
    }

    @Test
    void bufferOverflowByBytesClosesTheClientWith1000() {
        Rig r = rig(new MigrationConfig(MigrationConfig.Mode.AUTO, 1024, 64, MigrationSteps.TIMEOUT, MigrationSteps.MAX_FREEZE));
        JoinedClient c = r.join();
        freeze(r.from(), ROOM, LONG_FREEZE_MS, r.b());

        c.client().sendText("{\"padding\":\"" + "x".repeat(100) + "\"}");

        assertEquals(1000, c.client().awaitClose(WAIT).code());
    }

    @Test
    void clientClosedForOverflowIsReportedToItsMonolithWithLeave() {
        Rig r = rig(new MigrationConfig(MigrationConfig.Mode.AUTO, 1, 4L << 20, MigrationSteps.TIMEOUT, MigrationSteps.MAX_FREEZE));
        JoinedClient c = r.join();
        freeze(r.from(), ROOM, LONG_FREEZE_MS, r.b());

        c.client().sendText(frame(1));
        c.client().sendText(frame(2));
        c.client().awaitClose(WAIT);

        r.from().awaitMessage(B2M.Leave.class, l -> l.client().equals(c.id()), WAIT);
    }

    @Test
    void kickWithAnotherCodeStillClosesTheClient() {
        Rig r = rig();
        JoinedClient c = r.join();
        freeze(r.from(), ROOM, LONG_FREEZE_MS, r.b());

        r.from().send(new M2B.Kick(c.id(), 4003));

        assertEquals(new CloseStatus(4003, ""), c.client().awaitClose(WAIT));
        r.to().awaitNoMessage(B2M.Join.class, QUIET);
    }

    // ------------------------------------------------------------------ after the move

    @Test
    void lateTargetedMessageFromTheOldMonolithDoesNotReachAMovedClient() {
        Rig r = rig();
        JoinedClient c = r.join();
        move(r.b(), r.from(), ROOM, c);
        awaitJoinOf(r.to(), c.id());

        r.from().send(M2B.RoomMsg.to(RoomName.of(ROOM), c.id(), RawJson.of("{\"from\":\"old home\"}")));
        r.to().send(M2B.RoomMsg.to(RoomName.of(ROOM), c.id(), RawJson.of("{\"from\":\"new home\"}")));

        assertEquals("{\"from\":\"new home\"}", c.client().awaitText(WAIT));
        c.client().awaitNoText(QUIET);
    }

    @Test
    void lateKickFromTheOldMonolithDoesNotCloseAMovedClient() {
        Rig r = rig();
        JoinedClient c = r.join();
        move(r.b(), r.from(), ROOM, c);
        awaitJoinOf(r.to(), c.id());

        r.from().send(new M2B.Kick(c.id(), 4005));
        r.to().send(M2B.RoomMsg.to(RoomName.of(ROOM), c.id(), RawJson.of("{\"still\":\"here\"}")));

        assertEquals("{\"still\":\"here\"}", c.client().awaitText(WAIT));
        c.client().awaitStaysOpen(QUIET);
    }

    @Test
    void stateListsAMovedClientUnderItsNewMonolith() {
        Rig r = rig();
        JoinedClient c = r.join();
        move(r.b(), r.from(), ROOM, c);
        awaitJoinOf(r.to(), c.id());

        Eventually.await(WAIT, "client listed under the new monolith",
                () -> clientsUnder(r.b(), r.to()).contains(c.id()));
        assertTrue(!clientsUnder(r.b(), r.from()).contains(c.id()), "client still listed under the old monolith");
    }

    @Test
    void migrationCountersCountMovedRoomsAndClients() {
        Rig r = rig();
        JoinedClient first = r.join();
        JoinedClient second = r.join();
        String before = r.b().http().get("/api/status/metrics").body();

        move(r.b(), r.from(), ROOM, first, second);
        awaitJoinOf(r.to(), first.id());
        awaitJoinOf(r.to(), second.id());

        double rooms0 = metric(before, "balancer_migration_rooms_total");
        double clients0 = metric(before, "balancer_migration_clients_total");
        Eventually.await(WAIT, "migration counters incremented", () -> {
            String after = r.b().http().get("/api/status/metrics").body();
            return metric(after, "balancer_migration_rooms_total") == rooms0 + 1
                    && metric(after, "balancer_migration_clients_total") == clients0 + 2;
        });
    }

    private static Set<UUID> clientsUnder(RunningBalancer b, MockMonolith monolith) {
        Set<UUID> ids = new HashSet<>();
        for (JsonNode m : b.state().path("monoliths")) {
            if (m.path("id").asText().equals(monolith.id().toString())) {
                for (JsonNode room : m.path("rooms")) {
                    for (JsonNode client : room.path("clients")) {
                        ids.add(UUID.fromString(client.path("id").asText()));
                    }
                }
            }
        }
        return ids;
    }
}
