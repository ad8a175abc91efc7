package org.ottbalancer.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.Map;
import org.junit.jupiter.api.Test;

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
}
