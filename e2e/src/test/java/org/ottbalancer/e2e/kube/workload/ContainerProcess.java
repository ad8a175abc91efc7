package org.ottbalancer.e2e.kube.workload;

import io.fabric8.kubernetes.api.model.Container;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * One container of a pod as a local process: {@code java <options> -jar <image's jar> <args>}, with
 * the pod's translated environment, its output appended to a log file in the pod directory. The
 * kubelet restarts it when it dies (restart policy Always) and counts restarts.
 */
public final class ContainerProcess {
    private final Container spec;
    private final boolean sidecar;
    private final Path jar;
    private final List<String> jvmOptions;
    private final Path workDir;
    private final Path log;
    private volatile Process process;
    private volatile boolean ready;
    private volatile int restarts;
    private volatile int probeFailures;

    ContainerProcess(Container spec, boolean sidecar, Path jar, List<String> jvmOptions, Path workDir) {
        this.spec = spec;
        this.sidecar = sidecar;
        this.jar = jar;
        this.jvmOptions = List.copyOf(jvmOptions);
        this.workDir = workDir;
        this.log = workDir.resolve(spec.getName() + ".log");
    }

    public String name() {
        return spec.getName();
    }

    Container spec() {
        return spec;
    }

    public boolean sidecar() {
        return sidecar;
    }

    public Path log() {
        return log;
    }

    void launch(Map<String, String> env, PodNetwork network) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        if (spec.getArgs() != null) {
            command.addAll(network.translate(spec.getArgs()));
        }
        ProcessBuilder pb = new ProcessBuilder(command).directory(workDir.toFile()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().clear();
        pb.environment().putAll(env);
        ready = false;
        probeFailures = 0;
        process = ChildProcesses.track(pb.start());
    }

    /** The running process; null before the first start. */
    public Process process() {
        return process;
    }

    public boolean running() {
        Process p = process;
        return p != null && p.isAlive();
    }

    /** SIGKILL, as when the process crashes or the OOM killer strikes; the kubelet restarts it. */
    public void kill() {
        Process p = process;
        if (p != null) {
            ChildProcesses.kill(p);
        }
    }

    /** SIGTERM, then SIGKILL if it has not exited by {@code deadlineNanos} (System.nanoTime). */
    void stop(long deadlineNanos) throws InterruptedException {
        Process p = process;
        if (p == null || !p.isAlive()) {
            return;
        }
        p.destroy();
        long left = deadlineNanos - System.nanoTime();
        if (left <= 0 || !p.waitFor(left, TimeUnit.NANOSECONDS)) {
            ChildProcesses.kill(p);
            p.waitFor(5, TimeUnit.SECONDS);
        }
    }

    public boolean ready() {
        return ready;
    }

    void ready(boolean r) {
        ready = r;
    }

    int failProbe() {
        return ++probeFailures;
    }

    void passProbe() {
        probeFailures = 0;
    }

    public int restarts() {
        return restarts;
    }

    void restarted() {
        restarts++;
    }
}
