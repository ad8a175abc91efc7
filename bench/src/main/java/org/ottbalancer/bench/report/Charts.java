package org.ottbalancer.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The report's PNG charts, each drawn only when its scenario produced figures. */
public final class Charts {
    private Charts() {
    }

    /** Writes the charts into {@code dir} and returns their file names. */
    public static List<String> write(JsonNode results, Path dir) throws IOException {
        List<String> written = new ArrayList<>();
        if (relayLatency(results, dir.resolve("relay-latency.png"))) {
            written.add("relay-latency.png");
        }
        if (fanout(results, dir.resolve("fanout-throughput.png"), "/deliveries_per_second",
                "Fan-out: deliveries per second vs clients", "deliveries/s", false)) {
            written.add("fanout-throughput.png");
        }
        if (fanout(results, dir.resolve("fanout-latency.png"), "/delivery/p99_us",
                "Fan-out: p99 delivery latency vs clients", "p99 latency (µs)", true)) {
            written.add("fanout-latency.png");
        }
        if (memory(results, dir.resolve("memory-per-connection.png"))) {
            written.add("memory-per-connection.png");
        }
        if (simpleBars(results, dir.resolve("join-rate.png"), "join", "/joins_per_second",
                "Join storm: joins per second", "joins/s")) {
            written.add("join-rate.png");
        }
        if (simpleBars(results, dir.resolve("http-throughput.png"), "http", "/requests_per_second",
                "HTTP proxying (wrk): requests per second", "requests/s")) {
            written.add("http-throughput.png");
        }
        return written;
    }

    private static boolean relayLatency(JsonNode results, Path file) throws IOException {
        List<String> cats = List.of("p50", "p90", "p99", "p99.9");
        String[] keys = {"/round_trip/p50_us", "/round_trip/p90_us", "/round_trip/p99_us", "/round_trip/p999_us"};
        List<Plot.Series> series = new ArrayList<>();
        for (String t : Figures.TARGETS) {
            JsonNode r = Figures.result(results, "relay", t);
            if (!Figures.present(r)) {
                continue;
            }
            double[] v = new double[keys.length];
            for (int i = 0; i < keys.length; i++) {
                v[i] = Figures.at(r, keys[i]);
            }
            series.add(new Plot.Series(t, v));
        }
        if (series.isEmpty()) {
            return false;
        }
        JsonNode s = results.path("scenarios").path("relay").path("settings");
        Plot.bars(file, "Relay round-trip latency per target (" + s.path("clients").asInt() + " clients, "
                + Figures.num(s.path("rate_per_second").asDouble()) + " msg/s)", "latency (µs)", cats, series, true);
        return true;
    }

    private static boolean fanout(JsonNode results, Path file, String pointer, String title, String yLabel, boolean log)
            throws IOException {
        double[] xs = null;
        List<Plot.Series> series = new ArrayList<>();
        for (String t : Figures.TARGETS) {
            JsonNode r = Figures.result(results, "fanout", t);
            if (!Figures.present(r) || r.path("steps").size() == 0) {
                continue;
            }
            JsonNode steps = r.path("steps");
            if (xs == null) {
                xs = new double[steps.size()];
                for (int i = 0; i < steps.size(); i++) {
                    xs[i] = steps.get(i).path("clients_per_room").asDouble()
                            * results.path("scenarios").path("fanout").path("settings").path("rooms").asDouble();
                }
            }
            double[] v = new double[xs.length];
            for (int i = 0; i < xs.length; i++) {
                v[i] = i < steps.size() ? Figures.at(steps.get(i), pointer) : Double.NaN;
            }
            series.add(new Plot.Series(t, v));
        }
        if (series.isEmpty()) {
            return false;
        }
        Plot.lines(file, title, "clients (all rooms)", yLabel, xs, series, log);
        return true;
    }

    private static boolean memory(JsonNode results, Path file) throws IOException {
        List<String> cats = new ArrayList<>();
        List<Double> proxy = new ArrayList<>();
        List<Double> monoliths = new ArrayList<>();
        for (String t : Figures.TARGETS) {
            JsonNode r = Figures.result(results, "idle", t);
            if (!Figures.present(r)) {
                continue;
            }
            cats.add(t);
            proxy.add(Figures.at(r, "/proxy_rss_bytes_per_client") / 1024);
            monoliths.add(Figures.at(r, "/monoliths_rss_bytes_per_client") / 1024);
        }
        if (cats.isEmpty()) {
            return false;
        }
        Plot.bars(file, "Resident memory per idle connection", "KiB per client", cats,
                List.of(new Plot.Series("proxy process (VmRSS)", unbox(proxy)),
                        new Plot.Series("monolith process (VmRSS)", unbox(monoliths))), false);
        return true;
    }

    private static boolean simpleBars(JsonNode results, Path file, String scenario, String pointer, String title,
                                      String yLabel) throws IOException {
        List<String> cats = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        for (String t : Figures.TARGETS) {
            JsonNode r = Figures.result(results, scenario, t);
            if (Figures.present(r)) {
                cats.add(t);
                values.add(Figures.at(r, pointer));
            }
        }
        if (cats.isEmpty()) {
            return false;
        }
        Plot.bars(file, title, yLabel, cats, List.of(new Plot.Series(yLabel, unbox(values))), false);
        return true;
    }

    private static double[] unbox(List<Double> values) {
        double[] a = new double[values.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = values.get(i);
        }
        return a;
    }
}
