package org.ottbalancer.bench.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reads the figures out of {@code wrk --latency}'s text report. */
final class WrkOutput {
    private static final Pattern RPS = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern PERCENTILE = Pattern.compile("^\\s+(50|75|90|99)%\\s+([0-9.]+)(us|ms|s)\\s*$", Pattern.MULTILINE);
    private static final Pattern AVG = Pattern.compile("Latency\\s+([0-9.]+)(us|ms|s)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+(\\d+)");
    private static final Pattern SOCKET_ERRORS = Pattern.compile("Socket errors: connect (\\d+), read (\\d+), write (\\d+), timeout (\\d+)");
    private static final Pattern REQUESTS = Pattern.compile("(\\d+) requests in");

    private WrkOutput() {
    }

    /** Requests per second, latency percentiles in microseconds, and error counts. */
    static ObjectNode parse(String text) {
        ObjectNode n = Json.object();
        Matcher m = RPS.matcher(text);
        if (!m.find()) {
            throw new IllegalArgumentException("no Requests/sec in wrk output:\n" + text);
        }
        Json.number(n, "requests_per_second", Double.parseDouble(m.group(1)));
        m = REQUESTS.matcher(text);
        if (m.find()) {
            n.put("requests", Long.parseLong(m.group(1)));
        }
        m = AVG.matcher(text);
        if (m.find()) {
            Json.number(n, "mean_us", micros(m.group(1), m.group(2)));
        }
        m = PERCENTILE.matcher(text);
        while (m.find()) {
            Json.number(n, "p" + m.group(1) + "_us", micros(m.group(2), m.group(3)));
        }
        m = NON_2XX.matcher(text);
        n.put("non_2xx", m.find() ? Long.parseLong(m.group(1)) : 0);
        m = SOCKET_ERRORS.matcher(text);
        long errors = 0;
        if (m.find()) {
            for (int g = 1; g <= 4; g++) {
                errors += Long.parseLong(m.group(g));
            }
        }
        n.put("socket_errors", errors);
        return n;
    }

    private static double micros(String value, String unit) {
        double v = Double.parseDouble(value);
        return switch (unit) {
            case "us" -> v;
            case "ms" -> v * 1000;
            default -> v * 1_000_000;
        };
    }
}
