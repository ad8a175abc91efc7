package org.ottbalancer.balancer.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ottbalancer.balancer.harness.BalancerFixture.WAIT;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ottbalancer.balancer.config.Limits;
import org.ottbalancer.balancer.harness.BalancerFixture;
import org.ottbalancer.balancer.harness.JoinedClient;
import org.ottbalancer.balancer.harness.MockMonolith;
import org.ottbalancer.balancer.harness.RunningBalancer;
import org.ottbalancer.balancer.harness.TestLimits;
import org.ottbalancer.protocol.B2M;

/** The {@code idle_timeout} limit: silent clients are closed, talking ones are not. */
class IdleTimeoutTest {
    @RegisterExtension
    final BalancerFixture fx = new BalancerFixture();

    private RunningBalancer balancerWithIdleTimeout(Duration idle) {
        Limits l = TestLimits.fast().build();
        Limits withIdle = new Limits(l.maxFrameBytes(), l.maxHttpBodyBytes(), l.clientQueueFrames(), l.clientQueueBytes(),
                l.monolithQueueBytes(), l.monolithSendTimeout(), l.httpHandshakeTimeout(), l.authTimeout(),
                l.monolithInitTimeout(), l.reconnectDelay(), l.reconnectMaxDelay(), l.proxyConnectTimeout(),
                l.proxyResponseTimeout(), idle);
        return fx.balancer(c -> c.withLimits(withIdle));
    }

    @Test
    void clientSilentForTheIdleTimeoutIsClosedWith1000AndItsMonolithToldItLeft() {
        RunningBalancer b = balancerWithIdleTimeout(Duration.ofMillis(400));
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient c = b.join("quiet", m);

        assertEquals(1000, c.client().awaitClose(WAIT).code());
        assertEquals(c.id(), m.awaitMessage(B2M.Leave.class, WAIT).client());
    }

    @Test
    void clientThatKeepsSendingIsNotClosedForIdleness() {
        RunningBalancer b = balancerWithIdleTimeout(Duration.ofMillis(400));
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient c = b.join("chatty", m);

        for (int i = 0; i < 8; i++) {
            c.client().sendText("{\"n\":" + i + "}");
            m.awaitMessage(B2M.ClientMsg.class, WAIT);
            org.ottbalancer.balancer.harness.Eventually.pauseFor(Duration.ofMillis(150));
        }
        c.client().awaitStaysOpen(Duration.ofMillis(100));
    }
}
