package org.ottbalancer.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ottbalancer.bench.proc.ManagedProcess;
import org.ottbalancer.bench.scenario.Json;
import org.ottbalancer.bench.target.Tools;

/**
 * Runs the JMH microbenchmarks of this module in a child JVM (JMH forks again from there) and
 * keeps, per benchmark and parameter set, the average time and its error.
 */
public final class JmhRunner {
    private JmhRunner() {
    }

    public static ArrayNode run(Tools tools, Path dir, int iterations) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path results = dir.resolve("jmh.json");
        List<String> cmd = List.of(tools.java().toString(), "-cp", tools.classPath(), "org.openjdk.jmh.Main",
                "org.ottbalancer.bench.jmh.*", "-f", "1", "-wi", Integer.toString(iterations), "-i",
                Integer.toString(iterations), "-w", "1s", "-r", "1s", "-rf", "json", "-rff", results.toString());
        try (ManagedProcess p = ManagedProcess.start("jmh", cmd, dir.resolve("jmh.log"))) {
            long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(30);
            while (p.isAlive() && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
        }
        if (!Files.exists(results)) {
            throw new IOException("JMH wrote no results; see " + dir.resolve("jmh.log"));
        }
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (JsonNode b : Json.MAPPER.readTree(results.toFile())) {
            ObjectNode n = out.addObject();
            String name = b.path("benchmark").asText();
            n.put("benchmark", name.substring(name.lastIndexOf('.', name.lastIndexOf('.') - 1) + 1));
            if (b.has("params")) {
                n.set("params", b.path("params"));
            }
            JsonNode metric = b.path("primaryMetric");
            Json.number(n, "score", metric.path("score").asDouble());
            Json.number(n, "error", metric.path("scoreError").asDouble(Double.NaN));
            n.put("unit", metric.path("scoreUnit").asText());
        }
        return out;
    }
}
