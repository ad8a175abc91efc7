package org.ottbalancer.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** The figures as plain text lines, for the console (and CI's log). */
public final class Summary {
    private Summary() {
    }

    /** One line for one scenario and target. */
    public static String line(String scenario, String target, JsonNode r) {
        String head = scenario + "/" + target + ": ";
        if (r.has("error")) {
            return head + "ERROR " + r.path("error").asText();
        }
        return head + switch (scenario) {
            case "relay" -> String.format(Locale.ROOT, "%s msg/s (offered %s), round trip p50 %s µs, p99 %s µs, p99.9 %s µs",
                    Figures.num(Figures.at(r, "/achieved_per_second")), Figures.num(Figures.at(r, "/offered_per_second")),
                    Figures.num(Figures.at(r, "/round_trip/p50_us")), Figures.num(Figures.at(r, "/round_trip/p99_us")),
                    Figures.num(Figures.at(r, "/round_trip/p999_us")));
            case "fanout" -> fanout(r);
            case "join" -> String.format(Locale.ROOT, "%d joined, %d failed in %s s = %s joins/s, join time p50 %s ms, p99 %s ms",
                    r.path("joined").asInt(), r.path("failed").asInt(), Figures.num(Figures.at(r, "/seconds")),
                    Figures.num(Figures.at(r, "/joins_per_second")), Figures.num(Figures.at(r, "/join_time/p50_us") / 1000),
                    Figures.num(Figures.at(r, "/join_time/p99_us") / 1000));
            case "idle" -> String.format(Locale.ROOT, "%d clients held; proxy RSS %s → %s (%s per client), proxy heap %s per client, monoliths RSS %s per client",
                    r.path("clients_held").asInt(), Figures.bytes(Figures.at(r, "/before/proxy_rss_bytes")),
                    Figures.bytes(Figures.at(r, "/after/proxy_rss_bytes")),
                    Figures.bytes(Figures.at(r, "/proxy_rss_bytes_per_client")),
                    Figures.bytes(Figures.at(r, "/proxy_heap_bytes_per_client")),
                    Figures.bytes(Figures.at(r, "/monoliths_rss_bytes_per_client")));
            case "http" -> String.format(Locale.ROOT, "%s req/s, latency p50 %s µs, p99 %s µs, non-2xx %d, socket errors %d",
                    Figures.num(Figures.at(r, "/requests_per_second")), Figures.num(Figures.at(r, "/p50_us")),
                    Figures.num(Figures.at(r, "/p99_us")), r.path("non_2xx").asLong(), r.path("socket_errors").asLong());
            case "drain" -> String.format(Locale.ROOT, "drained in %s s (%s, %d rooms moved), clients closed %d, echoes lost %d of %d, echo p99 %s ms, max %s ms",
                    Figures.num(Figures.at(r, "/drain_seconds")), r.path("drain_report").path("phase").asText(),
                    r.path("drain_report").path("rooms_moved").asInt(), r.path("clients_closed").asLong(),
                    r.path("echoes_lost").asLong(), r.path("echoes_sent").asLong(),
                    Figures.num(Figures.at(r, "/echo_round_trip_during_drain/p99_us") / 1000),
                    Figures.num(Figures.at(r, "/echo_round_trip_during_drain/max_us") / 1000));
            default -> r.toString();
        };
    }

    private static String fanout(JsonNode r) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode step : r.path("steps")) {
            if (sb.length() > 0) {
                sb.append("; ");
            }
            sb.append(String.format(Locale.ROOT, "%d clients: %s deliveries/s (offered %s), p99 %s µs",
                    step.path("clients").asInt(), Figures.num(Figures.at(step, "/deliveries_per_second")),
                    Figures.num(Figures.at(step, "/offered_deliveries_per_second")),
                    Figures.num(Figures.at(step, "/delivery/p99_us"))));
        }
        return sb.toString();
    }

    /** Every scenario and target, one line each. */
    public static String table(JsonNode results) {
        StringBuilder sb = new StringBuilder("Benchmark figures (" + results.path("profile").asText() + " profile):\n");
        results.path("scenarios").fields().forEachRemaining(e -> e.getValue().path("results").fields()
                .forEachRemaining(t -> sb.append("  ").append(line(e.getKey(), t.getKey(), t.getValue())).append('\n')));
        return sb.toString();
    }
}
