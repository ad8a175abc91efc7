package org.ottbalancer.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class OperatorImageIT extends RunsInAChroot {
    /** fabric8 retries the first list a few times before JOSDK gives up. */
    private static final Duration GIVE_UP_TIMEOUT = Duration.ofSeconds(180);

    @Test
    void rejectsAnInvalidSettingWithExitStatus2() {
        try (ContainerProcess operator = start("ott-operator", Map.of("OPERATOR_HEALTH_PORT", "70000"))) {
            assertEquals(2, operator.awaitExit(START_TIMEOUT), operator.output());
            assertTrue(operator.output().contains("ott-operator: OPERATOR_HEALTH_PORT is 70000"), operator.output());
        }
    }

    /** Loads the Kubernetes client and the operator framework, then stops cleanly when no API server answers. */
    @Test
    void startsItsKubernetesClientAndExitsWhenNoApiServerAnswers() {
        int[] ports = Http.freePorts(2);
        Map<String, String> env = Map.of(
                "KUBERNETES_MASTER", "http://127.0.0.1:" + ports[0],
                "OPERATOR_HEALTH_PORT", Integer.toString(ports[1]));
        try (ContainerProcess operator = start("ott-operator", env)) {
            assertEquals(1, operator.awaitExit(GIVE_UP_TIMEOUT), operator.output());
            assertTrue(operator.output().contains("ott-operator could not start"), operator.output());
        }
    }
}
