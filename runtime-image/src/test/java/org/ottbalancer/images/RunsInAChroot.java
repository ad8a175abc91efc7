package org.ottbalancer.images;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Base of the tests that start an image's entrypoint; they are skipped, with the reason, on a host
 * that cannot confine a process to an unpacked image (see {@link Isolation}).
 */
abstract class RunsInAChroot {
    /** A JVM start on a loaded two-core machine, with room to spare. */
    static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    /** Keeps the JVMs of the tests small; the launcher reads it, as it would in a pod. */
    static final Map<String, String> SMALL_HEAP = Map.of("JDK_JAVA_OPTIONS", "-Xmx256m");

    static Isolation isolation() {
        assumeTrue(Isolation.available().isPresent(), Isolation.unavailableReason());
        return Isolation.available().orElseThrow();
    }

    static ContainerProcess start(String image, Map<String, String> env, String... args) {
        Map<String, String> all = new HashMap<>(SMALL_HEAP);
        all.putAll(env);
        return ContainerProcess.start(isolation(), UnpackedImage.of(image), all, List.of(args));
    }

    static ContainerProcess exec(String image, Map<String, String> env, List<String> command) {
        return ContainerProcess.exec(isolation(), UnpackedImage.of(image), env, command);
    }
}
