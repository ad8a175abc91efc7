package org.ottbalancer.operator.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs the real kubectl against a {@link MockCluster} through a temporary kubeconfig. */
public final class Kubectl {
    public static final String BINARY = "/usr/bin/kubectl";

    private final Path kubeconfig;

    public record Result(int exitCode, String stdout, String stderr) {
        public String describe() {
            return "exit " + exitCode + ", stdout: " + stdout + ", stderr: " + stderr;
        }
    }

    public Kubectl(Path directory, int port, String namespace) throws IOException {
        kubeconfig = directory.resolve("kubeconfig");
        Files.writeString(kubeconfig, String.join("\n",
                "apiVersion: v1",
                "kind: Config",
                "clusters:",
                "- name: mock",
                "  cluster:",
                "    server: http://127.0.0.1:" + port,
                "users:",
                "- name: tester",
                "  user:",
                "    token: not-checked-by-the-mock",
                "contexts:",
                "- name: mock",
                "  context:",
                "    cluster: mock",
                "    user: tester",
                "    namespace: " + namespace,
                "current-context: mock",
                ""));
    }

    public Result run(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(BINARY, "--kubeconfig", kubeconfig.toString(),
                "--request-timeout=20s"));
        command.addAll(List.of(args));
        Path out = Files.createTempFile(kubeconfig.getParent(), "out", ".txt");
        Path err = Files.createTempFile(kubeconfig.getParent(), "err", ".txt");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("kubectl " + String.join(" ", args) + " did not finish within 60 s");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8).trim(),
                Files.readString(err, StandardCharsets.UTF_8).trim());
    }

    /** Runs a command that must succeed and returns its standard output. */
    public String ok(String... args) throws IOException, InterruptedException {
        Result r = run(args);
        if (r.exitCode() != 0) {
            throw new AssertionError("kubectl " + String.join(" ", args) + " failed: " + r.describe());
        }
        return r.stdout();
    }
}
