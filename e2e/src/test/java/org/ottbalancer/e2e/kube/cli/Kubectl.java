package org.ottbalancer.e2e.kube.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The real {@code /usr/bin/kubectl}, run the way a user types it, against a kubeconfig. Every call
 * has a deadline: a kubectl that hangs is killed and reported, never waited for.
 *
 * <p>Two things differ from a real cluster, both because of the mock API server: {@code apply}
 * passes {@code --validate=false} (the mock serves no OpenAPI document), and there is no
 * {@code kubectl wait} or {@code -w} (the mock only watches over WebSocket), so callers poll
 * {@code get -o jsonpath}.
 */
public final class Kubectl {
    public static final Path BINARY = Path.of("/usr/bin/kubectl");
    private static final Duration TIMEOUT = Duration.ofSeconds(45);

    private final Path kubeconfig;
    private final Path scratch;

    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        public String describe() {
            return String.join(" ", command) + " -> exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    public Kubectl(Path kubeconfig, Path scratch) {
        if (!Files.isExecutable(BINARY)) {
            throw new IllegalStateException("kubectl is not installed at " + BINARY + " (the kube suites drive the cluster with it)");
        }
        this.kubeconfig = kubeconfig;
        this.scratch = scratch;
    }

    /** Runs {@code kubectl <args>}; {@code stdin} (may be null) is written to its standard input. */
    public Result run(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BINARY.toString(), "--kubeconfig", kubeconfig.toString(),
                "--request-timeout=20s"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(scratch, "kubectl", ".out");
        Path err = Files.createTempFile(scratch, "kubectl", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        try (OutputStream in = p.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
        }
        if (!p.waitFor(TIMEOUT.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish within " + TIMEOUT.toSeconds() + " s");
        }
        Result r = new Result(List.copyOf(command.subList(3, command.size())), p.exitValue(),
                Files.readString(out, StandardCharsets.UTF_8).trim(), Files.readString(err, StandardCharsets.UTF_8).trim());
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return r;
    }

    /** A command that must succeed; returns its standard output. */
    public String ok(String... args) throws IOException, InterruptedException {
        Result r = run(null, args);
        if (!r.ok()) {
            throw new AssertionError("kubectl failed: " + r.describe());
        }
        return r.stdout();
    }

    /** {@code kubectl apply --validate=false -f -} with {@code yaml} on standard input. */
    public Result apply(String yaml) throws IOException, InterruptedException {
        return run(yaml, "apply", "--validate=false", "-f", "-");
    }

    /** {@code kubectl apply --validate=false -f <file>}, which must succeed. */
    public String applyFile(Path file) throws IOException, InterruptedException {
        return ok("apply", "--validate=false", "-f", file.toString());
    }

    /** {@code kubectl get <what> -o jsonpath=<path>}; an empty string when it fails (not found yet). */
    public String jsonpath(String what, String path) throws IOException, InterruptedException {
        Result r = run(null, "get", what, "-o", "jsonpath=" + path);
        return r.ok() ? r.stdout() : "";
    }
}
