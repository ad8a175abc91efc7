package org.ottbalancer.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ottbalancer.agent.config.LoadSignal;
import org.ottbalancer.agent.support.AgentHttp;
import org.ottbalancer.agent.support.FakeBalancer;
import org.ottbalancer.agent.support.FakeMetricsEndpoint;
import org.ottbalancer.agent.support.FakeMonolith;
import org.ottbalancer.agent.support.Poll;
import org.ottbalancer.agent.support.TestAgents;

/** An agent with {@code --load-signal metrics} in front of a monolith that serves its event-loop lag. */
class LoadSignalMetricsTest {
    private FakeMonolith monolith;
    private FakeMetricsEndpoint metricsEndpoint;
    private MonolithAgent agent;

    @BeforeEach
    void start() {
        monolith = FakeMonolith.start();
        metricsEndpoint = FakeMetricsEndpoint.start();
    }

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        metricsEndpoint.close();
        monolith.close();
    }

    private void startAgent(URI metricsUrl) {
        agent = MonolithAgent.start(TestAgents.config(monolith.port()).loadSignal(LoadSignal.METRICS)
                .monolithMetricsUrl(metricsUrl).build());
    }

    @Test
    void reportedLoadIsTheLinkScorePlusTheLagTerm() {
        metricsEndpoint.serve(200, FakeMetricsEndpoint.ottExposition("0.05"));
        startAgent(metricsEndpoint.url());
        FakeBalancer balancer = FakeBalancer.connect(agent.linkPort());
        balancer.join("movie");
        balancer.join("movie");
        Poll.until("two users in one room", () -> agent.report().users() == 2);
        // 2 users + 4 x 1 room + 1000 x 0.05 s of lag
        Poll.until("the lag term in the load", () -> agent.report().load() == 56.0);
        String metrics = AgentHttp.get(agent.httpPort(), "/metrics").body();
        assertTrue(metrics.contains("agent_load_signal_fallback 0.0"), metrics);
        assertTrue(metrics.contains("agent_load 56.0"), metrics);
    }

    @Test
    void anUnreachableMetricsEndpointLeavesTheLinkScoreAndRaisesTheFallbackGauge() {
        metricsEndpoint.serve(404, "");
        startAgent(metricsEndpoint.url());
        FakeBalancer.connect(agent.linkPort()).join("movie");
        Poll.until("one user in one room", () -> agent.report().users() == 1);
        assertEquals(5.0, agent.report().load());
        assertTrue(AgentHttp.get(agent.httpPort(), "/metrics").body().contains("agent_load_signal_fallback 1.0"));
    }
}
