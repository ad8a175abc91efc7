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
 * <p>Against the mock API server two things differ from a real cluster: {@code apply} passes
 * {@code --validate=false} (the mock serves no OpenAPI document), and there is no {@code kubectl wait}
 * or {@code -w} (the mock only watches over WebSocket), so callers poll {@code get -o jsonpath}. Against
 * a real cluster ({@link #forRealCluster}) {@code apply} validates as usual and every call names the
 * namespace, as the kubeconfig is the developer's.
 */
public final class Kubectl {
    public static final Path BINARY = Path.of("/usr/bin/kubectl");
    private static final Duration TIMEOUT = Duration.ofSeconds(45);

    private final Path binary;
    private final List<String> connection;
    private final boolean validate;
    private final Path scratch;

    public record Result(List<String> command, int exitCode, String stdout, String stderr) {
        public boolean ok() {
            return exitCode == 0;
        }

        public String describe() {
            return String.join(" ", command) + " -> exit " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr;
        }
    }

    /** {@code /usr/bin/kubectl} against the mock API server whose kubeconfig is {@code kubeconfig}. */
    public Kubectl(Path kubeconfig, Path scratch) {
        this(BINARY, List.of("--kubeconfig", kubeconfig.toString()), false, scratch);
    }

    private Kubectl(Path binary, List<String> connection, boolean validate, Path scratch) {
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("kubectl is not installed at " + binary + " (the kube suites drive the cluster with it)");
        }
        this.binary = binary;
        this.connection = List.copyOf(connection);
        this.validate = validate;
        this.scratch = scratch;
    }

    /** {@code binary} against a real cluster: {@code --kubeconfig}, optionally {@code --context}, and {@code --namespace} on every call. */
    public static Kubectl forRealCluster(Path binary, Path kubeconfig, String context, String namespace, Path scratch) {
        List<String> connection = new ArrayList<>(List.of("--kubeconfig", kubeconfig.toString()));
        if (context != null && !context.isBlank()) {
            connection.add("--context=" + context);
        }
        connection.add("--namespace=" + namespace);
        return new Kubectl(binary, connection, true, scratch);
    }

    /** Runs {@code kubectl <args>}; {@code stdin} (may be null) is written to its standard input. */
    public Result run(String stdin, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(connection);
        command.add("--request-timeout=20s");
        int prefix = command.size();
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
        Result r = new Result(List.copyOf(command.subList(prefix, command.size())), p.exitValue(),
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

    /** {@code kubectl apply -f -} with {@code yaml} on standard input ({@code --validate=false} against the mock). */
    public Result apply(String yaml) throws IOException, InterruptedException {
        return validate ? run(yaml, "apply", "-f", "-") : run(yaml, "apply", "--validate=false", "-f", "-");
    }

    /** {@code kubectl apply -f <file>} ({@code --validate=false} against the mock), which must succeed. */
    public String applyFile(Path file) throws IOException, InterruptedException {
        return validate ? ok("apply", "-f", file.toString()) : ok("apply", "--validate=false", "-f", file.toString());
    }

    /** Whether {@code apply} has the API server check objects against their schema (a real cluster), or not (the mock). */
    public boolean validates() {
        return validate;
    }

    /** The command line that runs {@code kubectl <args>} in the background (port-forwards), with this connection. */
    public List<String> commandLine(String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary.toString());
        command.addAll(connection);
        command.addAll(List.of(args));
        return command;
    }

    /** {@code kubectl get <what> -o jsonpath=<path>}; an empty string when it fails (not found yet). */
    public String jsonpath(String what, String path) throws IOException, InterruptedException {
        Result r = run(null, "get", what, "-o", "jsonpath=" + path);
        return r.ok() ? r.stdout() : "";
    }
}
