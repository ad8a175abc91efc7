package org.ottbalancer.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.ottbalancer.operator.dependent.PreStopDrainHook;

class SampleMonolithImageIT extends RunsInAChroot {
    @Test
    void servesItsApiAndTheWatchPartyPageFromTheJar() {
        int[] ports = Http.freePorts(2);
        int http = ports[0];
        int balancing = ports[1];
        Map<String, String> env = Map.of("PORT", Integer.toString(http), "BALANCING_PORT", Integer.toString(balancing));
        try (ContainerProcess monolith = start("ott-sample-monolith", env)) {
            HttpResponse<String> status = Http.awaitResponse(monolith, http, "/api/status", START_TIMEOUT);
            assertEquals(200, status.statusCode(), status.body());
            HttpResponse<String> page = Http.awaitResponse(monolith, http, "/", START_TIMEOUT);
            assertEquals(200, page.statusCode());
            assertTrue(page.body().contains("<html") || page.body().contains("<!DOCTYPE"), page.body());
        }
    }

    /**
     * The image has no shell, so the operator's preStop hook for it runs the jar's own drain client
     * with the image's JVM; here that exact command drains an agent (from the agent's image) through
     * the agent's preStop listener, which a pod has on 127.0.0.1:9091.
     */
    @Test
    void theOperatorsPreStopCommandDrainsTheAgentBesideIt() {
        try (ServerSocket onlyChecksThePortIsFree = new ServerSocket(9091, 1, InetAddress.getLoopbackAddress())) {
        } catch (IOException e) {
            throw new AssertionError("this test runs the agent's preStop listener on 127.0.0.1:9091, as in a pod, and that port is taken", e);
        }
        int[] ports = Http.freePorts(3);
        Map<String, String> agentEnv = Map.of(
                "AGENT_HTTP_PORT", Integer.toString(ports[0]),
                "AGENT_LINK_PORT", Integer.toString(ports[1]),
                "AGENT_MONOLITH", "127.0.0.1:" + ports[2],
                "AGENT_PRESTOP_PORT", "9091");
        List<String> hook = PreStopDrainHook.defaultCommand("ghcr.io/ott-balancer/ott-sample-monolith:1.0.0");
        try (ContainerProcess agent = start("ott-monolith-agent", agentEnv)) {
            Http.awaitResponse(agent, ports[0], "/healthz", START_TIMEOUT);
            try (ContainerProcess preStop = exec("ott-sample-monolith", Map.of(), hook)) {
                assertEquals(0, preStop.awaitExit(START_TIMEOUT), preStop.output() + "\nagent:\n" + agent.output());
            }
            agent.awaitOutput("drain done", START_TIMEOUT);
        }
    }
}
