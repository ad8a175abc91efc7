package org.ottbalancer.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An image's entrypoint running in its unpacked root file system (see {@link Isolation}), with the
 * image's environment plus the test's, its output going to a log file next to the rootfs.
 */
final class ContainerProcess implements AutoCloseable {
    private static final AtomicInteger RUNS = new AtomicInteger();
    private static final Duration STOP_GRACE = Duration.ofSeconds(20);

    private final Process process;
    private final Path log;

    private ContainerProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /**
     * Starts the image's entrypoint followed by {@code args}, as a container runtime would.
     *
     * @param env added to (and overriding) the image's environment
     */
    static ContainerProcess start(Isolation isolation, UnpackedImage image, Map<String, String> env, List<String> args) {
        List<String> command = new ArrayList<>(image.entrypoint());
        command.addAll(args);
        return exec(isolation, image, env, command);
    }

    /**
     * Runs {@code command} instead of the entrypoint, as kubelet runs an {@code exec} hook or probe:
     * the program must exist in the image.
     */
    static ContainerProcess exec(Isolation isolation, UnpackedImage image, Map<String, String> env, List<String> command) {
        Isolation.prepareMountPoints(image.rootfs());
        ProcessBuilder pb = new ProcessBuilder(isolation.command(image.rootfs(), image.workingDirectory(), image.user(), command));
        pb.environment().clear();
        for (String entry : image.environment()) {
            int eq = entry.indexOf('=');
            pb.environment().put(entry.substring(0, eq), entry.substring(eq + 1));
        }
        pb.environment().putAll(env);
        Path log = image.rootfs().resolveSibling(image.name() + "-run-" + RUNS.incrementAndGet() + ".log");
        pb.redirectErrorStream(true).redirectOutput(log.toFile());
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            return new ContainerProcess(p, log);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + pb.command(), e);
        }
    }

    /** Waits for the process to exit and returns its exit code; fails with its output after the timeout. */
    int awaitExit(Duration timeout) {
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("still running after " + timeout + "; output so far:\n" + output());
            }
            return process.exitValue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /**
     * The user id the image's Java process runs as, read from {@code /proc/<pid>} (owned by the
     * process's effective user) of the descendant that executes the image's {@code java}.
     */
    int javaProcessUid() {
        ProcessHandle java = process.descendants()
                .filter(h -> h.info().command().map(c -> c.endsWith("/opt/java/bin/java")).orElse(false))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no java process under " + process.pid() + "; output:\n" + output()));
        try {
            return (Integer) Files.getAttribute(Path.of("/proc", Long.toString(java.pid())), "unix:uid");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the owner of /proc/" + java.pid(), e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Everything the process wrote to standard output and error so far. */
    String output() {
        try {
            return Files.readString(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "(cannot read " + log + ": " + e.getMessage() + ")";
        }
    }

    /** Polls until the output contains {@code text}; fails with the output at the deadline or on exit. */
    void awaitOutput(String text, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!output().contains(text)) {
            if (!process.isAlive() && !output().contains(text)) {
                throw new AssertionError("exited with " + process.exitValue() + " before printing \"" + text + "\":\n" + output());
            }
            if (Instant.now().isAfter(deadline)) {
                throw new AssertionError("did not print \"" + text + "\" within " + timeout + ":\n" + output());
            }
            Polling.pause();
        }
    }

    /**
     * Stops it as a container runtime does: SIGTERM (forwarded by unshare to the process, which is
     * PID 1 of its namespace), then SIGKILL to whatever is left after the grace period.
     */
    @Override
    public void close() {
        List<ProcessHandle> all = new ArrayList<>(process.descendants().toList());
        process.destroy();
        Instant deadline = Instant.now().plus(STOP_GRACE);
        while (Instant.now().isBefore(deadline) && (process.isAlive() || all.stream().anyMatch(ProcessHandle::isAlive))) {
            Polling.pause();
        }
        all.forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }
}
