package org.ottbalancer.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BalancerImageIT extends RunsInAChroot {
    @Test
    void servesItsStatusOnThePortFromTheEnvironment() {
        int port = Http.freePort();
        try (ContainerProcess balancer = start("ott-balancer", Map.of("BALANCER_PORT", Integer.toString(port)))) {
            HttpResponse<String> status = Http.awaitResponse(balancer, port, "/api/status", START_TIMEOUT);
            assertEquals(200, status.statusCode(), status.body());
            assertEquals("OK", status.body());
        }
    }

    @Test
    void printsTheVersionRecordedInItsJar() {
        try (ContainerProcess balancer = start("ott-balancer", Map.of(), "--version")) {
            assertEquals(0, balancer.awaitExit(START_TIMEOUT), balancer.output());
            assertTrue(balancer.output().contains("ott-balancer " + BuildSettings.tag()), balancer.output());
        }
    }
}
