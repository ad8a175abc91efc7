package org.ottbalancer.bench.report;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ottbalancer.bench.scenario.Json;
import org.ottbalancer.bench.target.Tools;

/** The machine and software the figures were measured on, for the head of the report. */
public final class MachineInfo {
    private MachineInfo() {
    }

    public static ObjectNode collect(Tools tools) {
        ObjectNode n = Json.object();
        n.put("nproc", Runtime.getRuntime().availableProcessors());
        n.put("cpu_model", firstValue(Path.of("/proc/cpuinfo"), "model name"));
        n.put("memory", firstValue(Path.of("/proc/meminfo"), "MemTotal"));
        n.put("kernel", read(Path.of("/proc/sys/kernel/osrelease")).trim());
        n.put("os", osName());
        n.put("jdk", System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"));
        n.put("nginx", tools.nginx() == null ? "not installed" : command(tools.nginx().toString(), "-v"));
        n.put("wrk", tools.wrk() == null ? "not installed" : command(tools.wrk().toString(), "-v").lines().findFirst().orElse(""));
        n.put("fd_limit", tools.maxOpenFiles());
        n.put("git_commit", command("git", "rev-parse", "--short", "HEAD"));
        return n;
    }

    private static String osName() {
        for (String line : read(Path.of("/etc/os-release")).split("\n")) {
            if (line.startsWith("PRETTY_NAME=")) {
                return line.substring(12).replace("\"", "");
            }
        }
        return System.getProperty("os.name");
    }

    private static String firstValue(Path file, String key) {
        for (String line : read(file).split("\n")) {
            if (line.startsWith(key)) {
                return line.substring(line.indexOf(':') + 1).trim();
            }
        }
        return "unknown";
    }

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            return "";
        }
    }

    private static String command(String... cmd) {
        try {
            Process p = new ProcessBuilder(List.of(cmd)).redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            p.waitFor(10, TimeUnit.SECONDS);
            return out;
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }
}
