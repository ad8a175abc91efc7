package org.ottbalancer.bench.proc;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * A child process of the benchmark (monolith host, balancer, nginx): its output goes to a log file,
 * it is stopped with SIGTERM (then SIGKILL) when the scenario ends, and a JVM shutdown hook kills
 * whatever is left if the driver itself is interrupted.
 */
public final class ManagedProcess implements AutoCloseable {
    private static final Set<ManagedProcess> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(() -> LIVE.forEach(p -> p.process.destroyForcibly()),
                "bench-child-reaper"));
    }

    private final String name;
    private final Process process;
    private final Path log;

    private ManagedProcess(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
        LIVE.add(this);
    }

    /** Starts {@code command} with stdout and stderr appended to {@code log}. */
    public static ManagedProcess start(String name, List<String> command, Path log) throws IOException {
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        return new ManagedProcess(name, pb.start(), log);
    }

    /**
     * Starts {@code command} with stderr to {@code log} and returns once stdout printed a line
     * starting with {@code readyPrefix} (the monolith host announces its ports that way).
     */
    public static Started startAndRead(String name, List<String> command, Path log, String readyPrefix, long timeoutMillis)
            throws IOException, InterruptedException {
        Files.createDirectories(log.getParent());
        ProcessBuilder pb = new ProcessBuilder(command)
                .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()));
        ManagedProcess p = new ManagedProcess(name, pb.start(), log);
        BufferedReader out = new BufferedReader(new InputStreamReader(p.process.getInputStream(), StandardCharsets.UTF_8));
        String[] found = new String[1];
        Thread reader = new Thread(() -> {
            try {
                String line;
                while ((line = out.readLine()) != null) {
                    if (found[0] == null && line.startsWith(readyPrefix)) {
                        synchronized (found) {
                            found[0] = line.substring(readyPrefix.length());
                            found.notifyAll();
                        }
                    }
                }
            } catch (IOException ignored) {
                // the process ended
            }
        }, name + "-stdout");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        synchronized (found) {
            while (found[0] == null && p.process.isAlive()) {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (left <= 0) {
                    break;
                }
                found.wait(Math.min(left, 200));
            }
        }
        if (found[0] == null) {
            boolean exited = !p.process.isAlive();
            p.close();
            throw new IOException(name + (exited ? " exited with status " + p.process.exitValue()
                    : " did not get ready within " + timeoutMillis + " ms") + "; see " + log);
        }
        return new Started(p, found[0]);
    }

    /** A started process and the rest of its ready line. */
    public record Started(ManagedProcess process, String readyLine) {
    }

    public String name() {
        return name;
    }

    public long pid() {
        return process.pid();
    }

    public Path log() {
        return log;
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** This process and its children (nginx: master plus workers). */
    public List<Long> pids() {
        List<Long> all = new ArrayList<>();
        all.add(process.pid());
        all.addAll(ProcFs.children(process.pid()));
        return all;
    }

    /** Resident memory of the process and its children, bytes. */
    public long residentBytes() {
        long sum = 0;
        for (long pid : pids()) {
            long rss = ProcFs.residentBytes(pid);
            if (rss > 0) {
                sum += rss;
            }
        }
        return sum;
    }

    /** CPU seconds used by the process and its living children. */
    public double cpuSeconds() {
        double sum = 0;
        for (long pid : pids()) {
            double s = ProcFs.cpuSeconds(pid);
            if (s > 0) {
                sum += s;
            }
        }
        return sum;
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroy();
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        LIVE.remove(this);
    }
}
