package org.ottbalancer.operator.dependent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.EnvVar;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.ottbalancer.operator.config.ComponentImages;
import org.ottbalancer.operator.model.AgentSpec;
import org.ottbalancer.operator.model.LoadSignal;
import org.ottbalancer.operator.model.MonolithSpec;
import org.ottbalancer.operator.model.ResolvedCluster;
import org.ottbalancer.operator.testing.Clusters;

/** The agent container's environment carries the spec's load signal and where to scrape the monolith. */
class AgentLoadSignalEnvTest {

    private static Map<String, String> agentEnv(AgentSpec agent) {
        var c = Clusters.empty("ns", "ott");
        MonolithSpec m = new MonolithSpec();
        m.setHttpPort(8080);
        c.getSpec().setMonolith(m);
        if (agent != null) {
            c.getSpec().setAgent(agent);
        }
        ResolvedCluster resolved = ResolvedCluster.of(c, ComponentImages.forVersion("1"));
        return MonolithDeploymentDependent.build(resolved, null, 1).getSpec().getTemplate().getSpec()
                .getInitContainers().get(0).getEnv().stream()
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    @Test
    void anAgentSpecWithoutLoadSignalRunsTheAgentOnTheLinkScore() {
        Map<String, String> env = agentEnv(null);
        assertEquals("link", env.get("AGENT_LOAD_SIGNAL"));
        assertEquals("nodejs_eventloop_lag_seconds", env.get("AGENT_LOAD_METRIC"));
        assertEquals("http://127.0.0.1:8080/metrics", env.get("AGENT_MONOLITH_METRICS_URL"));
    }

    @Test
    void metricsLoadSignalAndItsMetricReachTheAgent() {
        AgentSpec a = new AgentSpec();
        a.setLoadSignal(LoadSignal.metrics);
        a.setLoadMetric("ott_event_loop_lag_seconds");
        Map<String, String> env = agentEnv(a);
        assertEquals("metrics", env.get("AGENT_LOAD_SIGNAL"));
        assertEquals("ott_event_loop_lag_seconds", env.get("AGENT_LOAD_METRIC"));
        assertEquals("http://127.0.0.1:8080/metrics", env.get("AGENT_MONOLITH_METRICS_URL"));
    }
}
