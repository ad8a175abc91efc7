package org.ottbalancer.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MonolithAgentImageIT extends RunsInAChroot {
    @Test
    void printsItsUsageForHelp() {
        try (ContainerProcess agent = start("ott-monolith-agent", Map.of(), "--help")) {
            assertEquals(0, agent.awaitExit(START_TIMEOUT), agent.output());
            assertTrue(agent.output().contains("--link-port"), agent.output());
        }
    }

    @Test
    void answersItsHealthCheckWhileRunning() {
        Map<String, String> env = agentEnvironment();
        int httpPort = Integer.parseInt(env.get("AGENT_HTTP_PORT"));
        try (ContainerProcess agent = start("ott-monolith-agent", env)) {
            HttpResponse<String> health = Http.awaitResponse(agent, httpPort, "/healthz", START_TIMEOUT);
            assertEquals(200, health.statusCode(), health.body());
        }
    }

    /** The command a preStop hook can run in the agent's image, without any shell or HTTP tool. */
    @Test
    void itsDrainCommandDrainsTheRunningAgentThroughItsPreStopListener() {
        Map<String, String> env = agentEnvironment();
        String preStopPort = env.get("AGENT_PRESTOP_PORT");
        try (ContainerProcess agent = start("ott-monolith-agent", env)) {
            Http.awaitResponse(agent, Integer.parseInt(env.get("AGENT_HTTP_PORT")), "/healthz", START_TIMEOUT);
            try (ContainerProcess drain = start("ott-monolith-agent", Map.of(),
                    "drain", "--url", "http://127.0.0.1:" + preStopPort, "--wait")) {
                assertEquals(0, drain.awaitExit(START_TIMEOUT), drain.output() + "\nagent:\n" + agent.output());
            }
            agent.awaitOutput("drain done", START_TIMEOUT);
        }
    }

    /** Every listener on a free port; the monolith's balancing port is one nothing listens on. */
    private static Map<String, String> agentEnvironment() {
        int[] ports = Http.freePorts(4);
        return Map.of(
                "AGENT_HTTP_PORT", Integer.toString(ports[0]),
                "AGENT_PRESTOP_PORT", Integer.toString(ports[1]),
                "AGENT_LINK_PORT", Integer.toString(ports[2]),
                "AGENT_MONOLITH", "127.0.0.1:" + ports[3]);
    }
}
