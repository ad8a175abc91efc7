package org.ottbalancer.balancer.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ottbalancer.balancer.harness.BalancerFixture.QUIET;
import static org.ottbalancer.balancer.harness.BalancerFixture.WAIT;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ottbalancer.balancer.harness.BalancerFixture;
import org.ottbalancer.balancer.harness.CloseStatus;
import org.ottbalancer.balancer.harness.Eventually;
import org.ottbalancer.balancer.harness.JoinedClient;
import org.ottbalancer.balancer.harness.MockMonolith;
import org.ottbalancer.balancer.harness.RunningBalancer;
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.RawJson;
import org.ottbalancer.protocol.RoomName;

/** Spec §3.5 (kick), §10.14 and the §11 fix: kicked clients are closed with the code and forgotten. */
class KickTest {
    @RegisterExtension
    final BalancerFixture fx = new BalancerFixture();

    @Test
    void kickClosesTheClientWithTheReasonAsCodeAndAnEmptyReasonText() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient c = b.join("foo", m);

        m.send(new M2B.Kick(c.id(), 4005));

        assertEquals(new CloseStatus(4005, ""), c.client().awaitClose(WAIT));
    }

    @Test
    void kickWithGoingAwayCodeIsRelayedVerbatim() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient c = b.join("foo", m);

        m.send(new M2B.Kick(c.id(), 1001));

        assertEquals(new CloseStatus(1001, ""), c.client().awaitClose(WAIT));
    }

    @Test
    void kickedClientGetsNoLeave() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient c = b.join("foo", m);

        m.send(new M2B.Kick(c.id(), 4002));
        c.client().awaitClose(WAIT);

        m.awaitNoMessage(B2M.Leave.class, QUIET);
    }

    @Test
    void kickedClientIsForgottenByTheBalancer() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient c = b.join("foo", m);
        Eventually.await(WAIT, "client listed", () -> b.clientsInState().contains(c.id()));

        m.send(new M2B.Kick(c.id(), 4004));
        c.client().awaitClose(WAIT);

        Eventually.await(WAIT, "kicked client gone from /api/state", () -> !b.clientsInState().contains(c.id()));
    }

    @Test
    void kickedClientReceivesExactlyOneCloseFrame() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient c = b.join("foo", m);

        m.send(new M2B.Kick(c.id(), 4003));
        m.send(new M2B.Kick(c.id(), 4003));
        m.unload("foo", org.ottbalancer.protocol.UnloadReason.Keepalive);

        c.client().awaitClose(WAIT);
        Eventually.await(WAIT, "connection ended", () -> !c.client().isOpen());
        assertEquals(1, c.client().closeFramesReceived());
    }

    @Test
    void targetedMessageSentJustBeforeTheKickIsDeliveredBeforeTheClose() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient c = b.join("foo", m);

        m.send(M2B.RoomMsg.to(RoomName.of("foo"), c.id(), RawJson.of("{\"last\":\"words\"}")));
        m.send(new M2B.Kick(c.id(), 4005));

        assertEquals(new CloseStatus(4005, ""), c.client().awaitClose(WAIT));
        assertEquals("{\"last\":\"words\"}", c.client().awaitText(WAIT));
    }

    @Test
    void kickForAnUnknownClientIsIgnored() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient c = b.join("foo", m);

        m.send(new M2B.Kick(UUID.randomUUID(), 4005));
        m.send(M2B.RoomMsg.broadcast(RoomName.of("foo"), RawJson.of("{\"still\":\"here\"}")));

        assertEquals("{\"still\":\"here\"}", c.client().awaitText(WAIT));
        c.client().awaitStaysOpen(QUIET);
    }

    @Test
    void kickOfOneClientLeavesTheOthersInTheRoom() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient kicked = b.join("foo", m);
        JoinedClient stays = b.join("foo", m);

        m.send(new M2B.Kick(kicked.id(), 4005));
        kicked.client().awaitClose(WAIT);
        m.send(M2B.RoomMsg.broadcast(RoomName.of("foo"), RawJson.of("{\"n\":1}")));

        assertEquals("{\"n\":1}", stays.client().awaitText(WAIT));
    }
}
