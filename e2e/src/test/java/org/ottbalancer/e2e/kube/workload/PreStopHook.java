package org.ottbalancer.e2e.kube.workload;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A container's {@code exec} preStop hook, run as a local process with the container's environment
 * and the pod's translations ({@link PodNetwork}: 127.0.0.1 is the pod IP). The operator's default
 * hook for the sample monolith image runs the jar's {@code drain-agent} with the image's JVM, which
 * become this host's JVM and the build's jar ({@link ImageCatalog#translateImagePaths}); for other
 * images it is {@code /bin/sh -c <script>} that POSTs {@code http://127.0.0.1:9091/drain?wait=true}
 * with curl. Either runs unchanged apart from those paths and that address. Like kubelet, the hook
 * is bounded by the grace period and killed when it runs out; its exit status is only reported.
 */
final class PreStopHook {
    private final String pod;
    private final ContainerProcess container;
    private final PodNetwork network;
    private final ImageCatalog images;
    private final Path dir;

    PreStopHook(String pod, ContainerProcess container, PodNetwork network, ImageCatalog images, Path dir) {
        this.pod = pod;
        this.container = container;
        this.network = network;
        this.images = images;
        this.dir = dir;
    }

    void run(List<String> command, Map<String, String> env, long deadlineNanos) throws Exception {
        long start = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(images.translateImagePaths(network.translate(command))).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve(container.name() + ".prestop.log").toFile()));
        pb.environment().clear();
        pb.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
        pb.environment().putAll(env);
        Process p = ChildProcesses.track(pb.start());
        long left = Math.max(0, deadlineNanos - System.nanoTime());
        if (!p.waitFor(left, TimeUnit.NANOSECONDS)) {
            ChildProcesses.kill(p);
            System.out.printf("[kube] pod %s: preStop hook of %s killed at the end of the grace period%n", pod, container.name());
            return;
        }
        System.out.printf("[kube] pod %s: preStop hook of %s exited %d after %d ms%n", pod, container.name(), p.exitValue(),
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
    }
}
