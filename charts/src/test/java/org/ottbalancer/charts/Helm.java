package org.ottbalancer.charts;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The pinned helm binary, fetched once by {@code tools/fetch-helm} into the user's cache (or the
 * directory named by the {@code HELM_CACHE_DIR} environment variable), and a way to run it.
 */
final class Helm {
    private static Path binary;

    record Result(int exitCode, String stdout, String stderr) {
        String describe() {
            return "exit " + exitCode + "\n--- stdout:\n" + stdout + "\n--- stderr:\n" + stderr;
        }
    }

    private Helm() {
    }

    /** Runs {@code helm args...} with an empty helm home, so user configuration cannot change results. */
    static Result run(String... args) {
        List<String> command = new ArrayList<>();
        command.add(binary().toString());
        command.addAll(List.of(args));
        return exec(command, 120);
    }

    /** Runs a command that must succeed and returns its standard output. */
    static String ok(String... args) {
        Result r = run(args);
        if (r.exitCode() != 0) {
            throw new AssertionError("helm " + String.join(" ", args) + " failed: " + r.describe());
        }
        return r.stdout();
    }

    /** {@code helm template} of the chart with one values file, in namespace {@code ott-system}. */
    static String template(Path values) {
        return ok("template", "ott", ChartFiles.CHART.toString(), "--namespace", "ott-system", "-f", values.toString());
    }

    private static synchronized Path binary() {
        if (binary == null) {
            List<String> command = new ArrayList<>(List.of("bash", ChartFiles.FETCH_HELM.toString()));
            String dir = System.getenv("HELM_CACHE_DIR");
            if (dir != null && !dir.isBlank()) {
                command.add(dir);
            }
            Result fetched = exec(command, 300);
            if (fetched.exitCode() != 0) {
                throw new AssertionError("tools/fetch-helm could not provide helm: " + fetched.describe());
            }
            String[] lines = fetched.stdout().strip().split("\n");
            binary = Path.of(lines[lines.length - 1]);
        }
        return binary;
    }

    private static Result exec(List<String> command, int timeoutSeconds) {
        Path home = null;
        try {
            home = Files.createTempDirectory("helm-home");
            Path out = home.resolve("stdout");
            Path err = home.resolve("stderr");
            ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            pb.environment().put("HELM_CONFIG_HOME", home.resolve("config").toString());
            pb.environment().put("HELM_DATA_HOME", home.resolve("data").toString());
            pb.environment().put("HELM_CACHE_HOME", home.resolve("cache").toString());
            // helm template and lint need no cluster; an unset KUBECONFIG keeps them from reading one
            pb.environment().remove("KUBECONFIG");
            Process p = pb.start();
            if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + timeoutSeconds + " s");
            }
            return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + String.join(" ", command) + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted running " + String.join(" ", command), e);
        } finally {
            deleteTree(home);
        }
    }

    private static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (var paths = Files.walk(root)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a leftover temporary directory is harmless
        }
    }
}
