package org.ottbalancer.balancer.migration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.ottbalancer.balancer.harness.BalancerFixture.QUIET;
import static org.ottbalancer.balancer.harness.BalancerFixture.WAIT;
import static org.ottbalancer.balancer.migration.MigrationSteps.LONG_FREEZE_MS;
import static org.ottbalancer.balancer.migration.MigrationSteps.announceAgent;
import static org.ottbalancer.balancer.migration.MigrationSteps.awaitClientMsg;
import static org.ottbalancer.balancer.migration.MigrationSteps.awaitJoinOf;
import static org.ottbalancer.balancer.migration.MigrationSteps.freeze;
import static org.ottbalancer.balancer.migration.MigrationSteps.frozenRooms;
import static org.ottbalancer.balancer.migration.MigrationSteps.load;
import static org.ottbalancer.balancer.migration.MigrationSteps.pauseControl;
import static org.ottbalancer.balancer.migration.MigrationSteps.unloadForMove;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ottbalancer.balancer.config.MigrationConfig.Mode;
import org.ottbalancer.balancer.harness.BalancerFixture;
import org.ottbalancer.balancer.harness.CloseStatus;
import org.ottbalancer.balancer.harness.JoinedClient;
import org.ottbalancer.balancer.harness.MockMonolith;
import org.ottbalancer.balancer.harness.RunningBalancer;
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.RoomName;
import org.ottbalancer.protocol.UnloadReason;

/**
 * The {@code migration} mode decides which monoliths' rooms move live: {@code auto} those whose
 * link carries a monolith agent (plain monoliths get upstream's behaviour), {@code live} all,
 * {@code reconnect} none.
 */
class MigrationModesTest {
    private static final String ROOM = "foo";

    @RegisterExtension
    final BalancerFixture fx = new BalancerFixture();

    /** One balancer in {@code mode}, linked to two monoliths; the room lives on {@code from}. */
    private record Rig(RunningBalancer b, MockMonolith from, MockMonolith to, JoinedClient client) {
    }

    private Rig rig(Mode mode) {
        RunningBalancer b = fx.balancer(MigrationSteps.mode(mode));
        MockMonolith from = fx.monolith();
        MockMonolith to = fx.monolith();
        b.connect(from, to);
        load(from, ROOM, 1, b);
        JoinedClient c = b.join(ROOM, from, to);
        assertSame(from, c.monolith());
        return new Rig(b, from, to, c);
    }

    // ------------------------------------------------------------------ auto without an agent: upstream

    @Test
    void autoModeWithoutAnAgentClosesAClientKickedWithGoingAway() {
        Rig r = rig(Mode.AUTO);

        r.from().send(new M2B.Kick(r.client().id(), 1001));

        assertEquals(new CloseStatus(1001, ""), r.client().client().awaitClose(WAIT));
        r.to().awaitNoMessage(B2M.Join.class, QUIET);
    }

    @Test
    void autoModeWithoutAnAgentClosesClientsWith1000WhenTheLinkDrops() {
        Rig r = rig(Mode.AUTO);

        r.from().dropLinks();

        assertEquals(1000, r.client().client().awaitClose(WAIT).code());
        r.to().awaitNoMessage(B2M.Join.class, QUIET);
    }

    @Test
    void autoModeWithoutAnAgentClosesClientsWith1000WhenTheRoomUnloads() {
        Rig r = rig(Mode.AUTO);

        r.from().unload(ROOM, UnloadReason.Commanded);

        assertEquals(1000, r.client().client().awaitClose(WAIT).code());
        r.to().awaitNoMessage(B2M.Join.class, QUIET);
    }

    @Test
    void autoModeTreatsAFreezeAsTheAgentAnnouncingItself() {
        Rig r = rig(Mode.AUTO);
        freeze(r.from(), ROOM, LONG_FREEZE_MS, r.b());

        unloadForMove(r.from(), ROOM, r.client().id());

        awaitJoinOf(r.to(), r.client().id());
        r.client().client().awaitStaysOpen(QUIET);
    }

    /**
     * An agent may freeze a room and kick its clients at once (its monolith had already saved the
     * room's state). The kick must be judged knowing that a freeze came first on the same link,
     * even when the balancer's control thread has not got round to that freeze yet.
     */
    @Test
    void autoModeMovesAClientKickedRightAfterTheFirstFreezeEvenWhileTheControlThreadLags() throws Exception {
        Rig r = rig(Mode.AUTO);

        try (AutoCloseable lagging = pauseControl(r.b())) {
            r.from().send(new M2B.Freeze(RoomName.of(ROOM), LONG_FREEZE_MS));
            r.from().send(new M2B.Kick(r.client().id(), 1001));
            r.from().unload(ROOM, UnloadReason.Commanded);
            r.client().client().awaitStaysOpen(QUIET);
        }

        awaitJoinOf(r.to(), r.client().id());
        assertEquals(0, r.client().client().closeFramesReceived());
    }

    // ------------------------------------------------------------------ reconnect

    @Test
    void reconnectModeIgnoresFreezeAndKeepsRelayingFrames() {
        Rig r = rig(Mode.RECONNECT);
        r.from().send(new M2B.Freeze(RoomName.of(ROOM), LONG_FREEZE_MS));
        // Anything sent after the freeze is applied after it: wait for a later room-state message.
        load(r.from(), "marker", 2, r.b());

        r.client().client().sendText("{\"n\":1}");

        assertEquals("{\"n\":1}", awaitClientMsg(r.from(), r.client().id()));
        assertEquals(0.0, frozenRooms(r.b()));
    }

    @Test
    void reconnectModeClosesAClientKickedWithGoingAwayEvenWithAnAgent() {
        Rig r = rig(Mode.RECONNECT);
        announceAgent(r.b(), r.from());

        r.from().send(new M2B.Kick(r.client().id(), 1001));

        assertEquals(new CloseStatus(1001, ""), r.client().client().awaitClose(WAIT));
        r.to().awaitNoMessage(B2M.Join.class, QUIET);
    }

    @Test
    void reconnectModeClosesClientsWith1000WhenTheRoomUnloadsEvenWithAnAgent() {
        Rig r = rig(Mode.RECONNECT);
        announceAgent(r.b(), r.from());

        r.from().unload(ROOM, UnloadReason.Commanded);

        assertEquals(1000, r.client().client().awaitClose(WAIT).code());
        r.to().awaitNoMessage(B2M.Join.class, QUIET);
    }

    @Test
    void reconnectModeClosesClientsWith1000WhenTheLinkDropsEvenWithAnAgent() {
        Rig r = rig(Mode.RECONNECT);
        announceAgent(r.b(), r.from());

        r.from().dropLinks();

        assertEquals(1000, r.client().client().awaitClose(WAIT).code());
    }

    // ------------------------------------------------------------------ live

    @Test
    void liveModeRehomesClientsOfALostLinkWithoutAnAgent() {
        Rig r = rig(Mode.LIVE);

        r.from().dropLinks();

        B2M.Join join = awaitJoinOf(r.to(), r.client().id());
        assertEquals(r.client().join().token(), join.token());
        r.client().client().awaitStaysOpen(QUIET);
    }

    @Test
    void liveModeMovesClientsKickedWithGoingAwayWithoutAnAgent() {
        Rig r = rig(Mode.LIVE);

        unloadForMove(r.from(), ROOM, r.client().id());

        awaitJoinOf(r.to(), r.client().id());
        assertEquals(0, r.client().client().closeFramesReceived());
    }
}
