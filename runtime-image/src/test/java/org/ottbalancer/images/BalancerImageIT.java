package org.ottbalancer.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
    void runsAsTheImageUserNotAsRoot() {
        assumeTrue(isolation() == Isolation.ROOT, "only a test run as root can let the process take the image's user");
        int port = Http.freePort();
        try (ContainerProcess balancer = start("ott-balancer", Map.of("BALANCER_PORT", Integer.toString(port)))) {
            Http.awaitResponse(balancer, port, "/api/status", START_TIMEOUT);
            assertEquals(65532, balancer.javaProcessUid());
        }
    }

    /** Needs glibc's libdl and librt in the image and a /tmp the user can unpack Netty's library into. */
    @Test
    void usesNettysEpollTransport() {
        int port = Http.freePort();
        try (ContainerProcess balancer = start("ott-balancer", Map.of("BALANCER_PORT", Integer.toString(port)))) {
            balancer.awaitOutput("listening on port " + port, START_TIMEOUT);
            assertTrue(balancer.output().contains("epoll transport"), balancer.output());
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
