package org.ottbalancer.e2e.kube.workload;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A container's {@code exec} preStop hook, run as a local process with the container's environment
 * and the pod's translations ({@link PodNetwork}: 127.0.0.1 is the pod IP). The operator's default
 * hook is {@code /bin/sh -c <script>} that POSTs {@code http://127.0.0.1:9091/drain?wait=true} with
 * curl; here it runs unchanged apart from that address. Like kubelet, the hook is bounded by the
 * grace period and killed when it runs out; its exit status is only reported.
 */
final class PreStopHook {
    private final String pod;
    private final ContainerProcess container;
    private final PodNetwork network;
    private final Path dir;

    PreStopHook(String pod, ContainerProcess container, PodNetwork network, Path dir) {
        this.pod = pod;
        this.container = container;
        this.network = network;
        this.dir = dir;
    }

    void run(List<String> command, Map<String, String> env, long deadlineNanos) throws Exception {
        long start = System.nanoTime();
        ProcessBuilder pb = new ProcessBuilder(network.translate(command)).directory(dir.toFile()).redirectErrorStream(true)
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
