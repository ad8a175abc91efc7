package org.ottbalancer.balancer.behaviour;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.ottbalancer.balancer.harness.BalancerFixture.QUIET;
import static org.ottbalancer.balancer.harness.BalancerFixture.WAIT;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ottbalancer.balancer.harness.BalancerFixture;
import org.ottbalancer.balancer.harness.Eventually;
import org.ottbalancer.balancer.harness.JoinedClient;
import org.ottbalancer.balancer.harness.MockMonolith;
import org.ottbalancer.balancer.harness.RunningBalancer;
import org.ottbalancer.protocol.B2M;

/** Spec §3.3, §3.4 and §3.6: joining, relaying client frames, and the {@code leave} when a client goes. */
class JoinAndRelayTest {
    @RegisterExtension
    final BalancerFixture fx = new BalancerFixture();

    @Test
    void clientFrameIsRelayedVerbatimAsOneClientMsg() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient c = b.join("foo", m);

        String frame = "{\"action\":\"req\", \"request\":{\"type\":11,\"text\":\"h\u00e9llo\"}}";
        c.client().sendText(frame);

        B2M.ClientMsg msg = m.awaitMessage(B2M.ClientMsg.class, WAIT);
        assertEquals(c.id(), msg.clientId());
        assertEquals(frame, msg.payload().text());
        m.awaitNoMessage(B2M.ClientMsg.class, QUIET);
    }

    @Test
    void binaryClientFrameHoldingJsonIsRelayed() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient c = b.join("foo", m);

        c.client().sendBinary("[1,2,3]".getBytes(StandardCharsets.UTF_8));

        assertEquals("[1,2,3]", m.awaitMessage(B2M.ClientMsg.class, WAIT).payload().text());
    }

    @Test
    void clientFrameThatIsNotJsonIsDroppedAndTheConnectionStays() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient c = b.join("foo", m);

        c.client().sendText("not json at all");
        c.client().sendText("{\"action\":\"status\"}");

        assertEquals("{\"action\":\"status\"}", m.awaitMessage(B2M.ClientMsg.class, WAIT).payload().text());
        m.awaitNoMessage(B2M.ClientMsg.class, QUIET);
        c.client().awaitStaysOpen(QUIET);
    }

    @Test
    void secondAuthIsForwardedAsClientMsg() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient c = b.join("foo", m);

        c.client().auth("again");

        assertEquals("{\"action\":\"auth\",\"token\":\"again\"}", m.awaitMessage(B2M.ClientMsg.class, WAIT).payload().text());
        m.awaitNoMessage(B2M.Join.class, QUIET);
    }

    @Test
    void clientPingIsAnsweredWithOnePongAndNotForwarded() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient c = b.join("foo", m);

        byte[] payload = {1, 2, 3, 4};
        c.client().ping(payload);

        assertArrayEquals(payload, c.client().awaitPong(WAIT));
        m.awaitNoMessage(B2M.ClientMsg.class, QUIET);
    }

    @Test
    void clientsOfTheSameRoomJoinTheSameMonolith() {
        RunningBalancer b = fx.balancer();
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        b.connect(m1, m2);

        JoinedClient first = b.join("shared", m1, m2);
        JoinedClient second = b.join("shared", m1, m2);
        JoinedClient third = b.join("shared", m1, m2);

        assertSame(first.monolith(), second.monolith());
        assertSame(first.monolith(), third.monolith());
    }

    @Test
    void roomNamesDifferingOnlyInCaseAreOneRoom() {
        RunningBalancer b = fx.balancer();
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        b.connect(m1, m2);

        JoinedClient upper = b.join("Foo", m1, m2);
        JoinedClient lower = b.join("foo", m1, m2);

        assertSame(upper.monolith(), lower.monolith());
        assertEquals("foo", lower.join().room().value(), "the join keeps the client's own spelling");
        Eventually.await(WAIT, "both clients in one room entry", () -> {
            var rooms = b.state().path("monoliths");
            int roomEntries = 0;
            for (var mono : rooms) {
                roomEntries += mono.path("rooms").size();
            }
            return roomEntries == 1 && b.clientsInState().size() == 2;
        });
    }

    @Test
    void clientCloseSendsExactlyOneLeaveToTheOwner() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient c = b.join("foo", m);

        c.client().sendClose(1000, "bye");

        assertEquals(c.id(), m.awaitMessage(B2M.Leave.class, WAIT).client());
        m.awaitNoMessage(B2M.Leave.class, QUIET);
    }

    @Test
    void clientConnectionResetSendsLeave() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient c = b.join("foo", m);

        c.client().drop();

        assertEquals(c.id(), m.awaitMessage(B2M.Leave.class, WAIT).client());
    }

    @Test
    void departedClientDisappearsFromState() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient c = b.join("foo", m);
        Eventually.await(WAIT, "client listed", () -> b.clientsInState().contains(c.id()));

        c.client().sendClose(1000, "bye");

        Eventually.await(WAIT, "client no longer listed", () -> !b.clientsInState().contains(c.id()));
    }

    @Test
    void balancerAnswersClientCloseWithCloseAndEndsTheConnection() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient c = b.join("foo", m);

        c.client().sendClose(1000, "bye");

        c.client().awaitClose(WAIT);
        Eventually.await(WAIT, "connection ended", () -> !c.client().isOpen());
    }

    @Test
    void unknownActionsAreForwardedWithoutInterpretation() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient c = b.join("foo", m);

        c.client().sendText("{\"action\":\"kickme\",\"reason\":4005}");

        assertEquals("{\"action\":\"kickme\",\"reason\":4005}", m.awaitMessage(B2M.ClientMsg.class, WAIT).payload().text());
        c.client().awaitStaysOpen(QUIET);
    }
}
