package org.ottbalancer.balancer.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.ottbalancer.balancer.behaviour.StateQueries.holds;
import static org.ottbalancer.balancer.harness.BalancerFixture.QUIET;
import static org.ottbalancer.balancer.harness.BalancerFixture.WAIT;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ottbalancer.balancer.harness.BalancerFixture;
import org.ottbalancer.balancer.harness.Eventually;
import org.ottbalancer.balancer.harness.JoinedClient;
import org.ottbalancer.balancer.harness.MockClient;
import org.ottbalancer.balancer.harness.MockMonolith;
import org.ottbalancer.balancer.harness.RunningBalancer;
import org.ottbalancer.balancer.harness.TestLimits;
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.RawJson;
import org.ottbalancer.protocol.RoomName;

/**
 * Spec §10.8, §10.24: a monolith that stops reading its link must not make the balancer buffer
 * without bound or stall anyone else; once its outbound queue has stayed full for the send timeout
 * the link is evicted like a lost link (§5.8), and dialled again.
 */
class MonolithBackpressureTest {
    private static final Duration SEND_TIMEOUT = Duration.ofMillis(300);
    private static final long QUEUE_BYTES = 64 * 1024;
    private static final String BIG_MESSAGE = "{\"action\":\"flood\",\"data\":\"" + "x".repeat(200 * 1024) + "\"}";
    /** 80 MB at most: far beyond what loopback socket buffers and the queue can hold. */
    private static final int MAX_MESSAGES = 400;

    @RegisterExtension
    final BalancerFixture fx = new BalancerFixture();

    private RunningBalancer balancerWithASmallMonolithQueue() {
        return fx.balancer(c -> c.withLimits(TestLimits.fast().monolithQueue(QUEUE_BYTES, SEND_TIMEOUT).build()));
    }

    private static JoinedClient joinLoadedRoom(RunningBalancer b, MockMonolith owner, String room, MockMonolith... all) {
        owner.load(room, 1);
        Eventually.await(WAIT, room + " held by " + owner, () -> holds(b, owner, room));
        return b.join(room, all);
    }

    /** Sends large messages until the balancer ends the connection; fails if it never does. */
    private static void floodUntilClosed(MockClient client) {
        for (int i = 0; i < MAX_MESSAGES && client.isOpen(); i++) {
            client.sendText(BIG_MESSAGE);
        }
        if (client.isOpen()) {
            throw new AssertionError("client still connected after " + MAX_MESSAGES + " large messages to a stalled monolith");
        }
    }

    @Test
    void monolithThatStopsReadingIsEvictedAndItsClientsAreClosedWith1000() {
        RunningBalancer b = balancerWithASmallMonolithQueue();
        MockMonolith stalled = fx.monolith();
        b.connect(stalled);
        JoinedClient flooder = joinLoadedRoom(b, stalled, "stalled-room", stalled);
        JoinedClient bystander = b.join("stalled-room", stalled);

        stalled.stopReading();
        floodUntilClosed(flooder.client());

        // The flooder's own Close frame can be lost: it is still sending when the balancer closes
        // the socket right after writing 1000, and the unread input makes that close a TCP reset.
        flooder.client().awaitClose(WAIT);
        assertEquals(1000, bystander.client().awaitClose(WAIT).code());
        b.awaitUnregistered(stalled);
    }

    @Test
    void otherMonolithsKeepServingWhileOneIsStalled() {
        RunningBalancer b = balancerWithASmallMonolithQueue();
        MockMonolith stalled = fx.monolith();
        MockMonolith healthy = fx.monolith();
        b.connect(stalled, healthy);
        JoinedClient flooder = joinLoadedRoom(b, stalled, "stalled-room", stalled, healthy);
        JoinedClient fine = joinLoadedRoom(b, healthy, "healthy-room", stalled, healthy);

        stalled.stopReading();
        floodUntilClosed(flooder.client());
        b.awaitUnregistered(stalled);

        fine.client().sendText("{\"action\":\"still-fine\"}");
        healthy.awaitMessage(B2M.ClientMsg.class, m -> m.clientId().equals(fine.id()), WAIT);
        healthy.send(M2B.RoomMsg.broadcast(RoomName.of("healthy-room"), RawJson.of("{\"action\":\"pong\"}")));
        assertEquals("{\"action\":\"pong\"}", fine.client().awaitText(WAIT));
        fine.client().awaitStaysOpen(QUIET);
        b.awaitRegistered(healthy);
    }

    @Test
    void evictedMonolithIsLinkedAgainOnceItReadsAgain() {
        RunningBalancer b = balancerWithASmallMonolithQueue();
        MockMonolith stalled = fx.monolith();
        b.connect(stalled);
        JoinedClient flooder = joinLoadedRoom(b, stalled, "stalled-room", stalled);
        stalled.stopReading();
        floodUntilClosed(flooder.client());
        b.awaitUnregistered(stalled);
        Eventually.pauseFor(QUIET);
        assertFalse(b.registeredMonoliths().contains(stalled.id()), "a monolith that reads nothing cannot complete a handshake");

        stalled.resumeReading();

        b.awaitRegistered(stalled);
        assertSame(stalled, b.join("after-recovery", stalled).monolith());
    }
}
