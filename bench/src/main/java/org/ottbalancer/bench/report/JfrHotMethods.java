package org.ottbalancer.bench.report;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedMethod;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordingFile;
import org.ottbalancer.bench.scenario.Json;

/**
 * Where the balancer spent its CPU during a measurement window, from the {@code jdk.ExecutionSample}
 * events of its Flight Recording (what {@code jfr print --events jdk.ExecutionSample} lists):
 * the methods on top of the stack ("self"), and this project's methods anywhere in the stack
 * ("total", the share of samples that passed through them).
 */
public final class JfrHotMethods {
    private static final int TOP = 15;

    private JfrHotMethods() {
    }

    public static ObjectNode analyse(Path recording, Instant from, Instant to) throws IOException {
        Map<String, Integer> self = new HashMap<>();
        Map<String, Integer> total = new HashMap<>();
        Map<String, Integer> threads = new HashMap<>();
        int samples = 0;
        for (RecordedEvent e : RecordingFile.readAllEvents(recording)) {
            if (!e.getEventType().getName().equals("jdk.ExecutionSample")) {
                continue;
            }
            Instant at = e.getStartTime();
            if ((from != null && at.isBefore(from)) || (to != null && at.isAfter(to))) {
                continue;
            }
            RecordedStackTrace stack = e.getStackTrace();
            if (stack == null || stack.getFrames().isEmpty()) {
                continue;
            }
            samples++;
            List<RecordedFrame> frames = stack.getFrames();
            self.merge(name(frames.get(0).getMethod()), 1, Integer::sum);
            Set<String> seen = new HashSet<>();
            for (RecordedFrame f : frames) {
                String n = name(f.getMethod());
                if (n.startsWith("org.ottbalancer.") && seen.add(n)) {
                    total.merge(n, 1, Integer::sum);
                }
            }
            String thread = e.getThread("sampledThread") == null ? "?" : e.getThread("sampledThread").getJavaName();
            threads.merge(thread == null ? "?" : thread.replaceAll("-\\d+(-\\d+)?$", ""), 1, Integer::sum);
        }
        ObjectNode out = Json.object();
        out.put("samples", samples);
        out.set("top_self", top(self, samples));
        out.set("top_own_code_total", top(total, samples));
        out.set("threads", top(threads, samples));
        return out;
    }

    private static ArrayNode top(Map<String, Integer> counts, int samples) {
        ArrayNode a = Json.MAPPER.createArrayNode();
        counts.entrySet().stream().sorted(Map.Entry.<String, Integer>comparingByValue().reversed()).limit(TOP)
                .forEach(e -> {
                    ObjectNode n = a.addObject();
                    n.put("method", e.getKey());
                    n.put("samples", e.getValue());
                    Json.number(n, "percent", samples == 0 ? 0 : 100.0 * e.getValue() / samples);
                });
        return a;
    }

    private static String name(RecordedMethod m) {
        if (m == null) {
            return "?";
        }
        return m.getType().getName() + "." + m.getName();
    }
}
