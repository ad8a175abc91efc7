package org.ottbalancer.e2e.kube.real;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ottbalancer.e2e.kube.cli.Kubectl;

/** Runs the other tools (helm, skopeo, kind, k3d) with a deadline, printing each command line as it runs. */
final class Commands {
    private final Path scratch;

    Commands(Path scratch) {
        this.scratch = scratch;
    }

    /** Runs {@code command}, which must succeed within {@code timeout}; returns its standard output. */
    String ok(List<String> command, Duration timeout) throws IOException, InterruptedException {
        Kubectl.Result r = run(command, timeout);
        if (!r.ok()) {
            throw new AssertionError("command failed: " + r.describe());
        }
        return r.stdout();
    }

    Kubectl.Result run(List<String> command, Duration timeout) throws IOException, InterruptedException {
        System.out.println("[kube] $ " + String.join(" ", command));
        Path out = Files.createTempFile(scratch, "cmd", ".out");
        Path err = Files.createTempFile(scratch, "cmd", ".err");
        Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
        if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + timeout.toSeconds() + " s");
        }
        Kubectl.Result r = new Kubectl.Result(command, p.exitValue(), Files.readString(out, StandardCharsets.UTF_8).trim(),
                Files.readString(err, StandardCharsets.UTF_8).trim());
        Files.deleteIfExists(out);
        Files.deleteIfExists(err);
        return r;
    }
}
