package org.ottbalancer.bench.scenario;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ottbalancer.bench.load.LatencySummary;

/** The shared Jackson mapper and the JSON shape of a latency summary. */
public final class Json {
    public static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private Json() {
    }

    public static ObjectNode object() {
        return MAPPER.createObjectNode();
    }

    /** Latency in microseconds: count, p50, p90, p99, p999, max, mean. */
    public static ObjectNode latency(LatencySummary s) {
        ObjectNode n = object();
        n.put("count", s.count());
        number(n, "p50_us", s.p50());
        number(n, "p90_us", s.p90());
        number(n, "p99_us", s.p99());
        number(n, "p999_us", s.p999());
        number(n, "max_us", s.max());
        number(n, "mean_us", s.mean());
        return n;
    }

    /** Puts {@code v} rounded to two decimals, or null when it is not a number (JSON has no NaN). */
    public static void number(ObjectNode n, String key, double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            n.putNull(key);
        } else {
            n.put(key, round(v));
        }
    }

    public static double round(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return v;
        }
        return Math.round(v * 100.0) / 100.0;
    }
}
