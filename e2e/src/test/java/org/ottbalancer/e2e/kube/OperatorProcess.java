package org.ottbalancer.e2e.kube;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ottbalancer.e2e.kube.workload.ChildProcesses;

/**
 * The real operator, {@code java -jar operator/target/ott-operator.jar}, as the operator's own
 * Deployment would run it, with the harness kubeconfig instead of in-cluster credentials. Two
 * settings differ from production because of the mock API server: no leader election (no Lease
 * semantics needed for one replica) and no server-side apply (the mock does not implement it).
 * Agents are polled every second instead of five, to keep the suites short.
 */
public final class OperatorProcess implements AutoCloseable {
    private final Path jar;
    private final Path kubeconfig;
    private final String namespace;
    private final Path log;
    private final List<String> jvmOptions;
    private Process process;

    public OperatorProcess(Path jar, Path kubeconfig, String namespace, Path dir, List<String> jvmOptions) {
        this.jar = jar;
        this.kubeconfig = kubeconfig;
        this.namespace = namespace;
        this.log = dir.resolve("operator.log");
        this.jvmOptions = List.copyOf(jvmOptions);
    }

    /** Starts the operator and returns once it logged that it started. */
    public void start() throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().clear();
        pb.environment().putAll(Map.of(
                "KUBECONFIG", kubeconfig.toString(),
                "WATCH_NAMESPACES", namespace,
                "LEADER_ELECTION", "false",
                "OPERATOR_SERVER_SIDE_APPLY", "false",
                "OPERATOR_HEALTH_PORT", "0",
                "AGENT_POLL_INTERVAL", "1s"));
        long logStart = Files.exists(log) ? Files.size(log) : 0;
        process = ChildProcesses.track(pb.start());
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (true) {
            String text = Files.exists(log) ? Files.readString(log) : "";
            if (text.length() > logStart && text.substring((int) logStart).contains("ott-operator") && text.substring((int) logStart).contains(" started")) {
                return;
            }
            if (!process.isAlive() || System.nanoTime() > deadline) {
                ChildProcesses.kill(process);
                throw new IllegalStateException("the operator did not start:\n" + tail(text.substring((int) Math.min(logStart, text.length())), 40));
            }
            Thread.sleep(100);
        }
    }

    /** SIGKILL: the operator stops mid-work, without any shutdown. */
    public void kill() throws InterruptedException {
        if (process != null) {
            ChildProcesses.kill(process);
            process.waitFor();
        }
    }

    public boolean running() {
        return process != null && process.isAlive();
    }

    public Path log() {
        return log;
    }

    static String tail(String text, int lines) {
        String[] all = text.split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(all, Math.max(0, all.length - lines), all.length));
    }

    @Override
    public void close() throws InterruptedException {
        kill();
    }
}
