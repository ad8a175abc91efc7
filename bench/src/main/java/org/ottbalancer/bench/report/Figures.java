package org.ottbalancer.bench.report;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/** Reading figures out of the results JSON and formatting them for people. */
final class Figures {
    static final String[] TARGETS = {"direct", "nginx", "balancer"};

    private Figures() {
    }

    /** The result of {@code target} in {@code scenario}, or a missing node. */
    static JsonNode result(JsonNode results, String scenario, String target) {
        return results.path("scenarios").path(scenario).path("results").path(target);
    }

    static boolean present(JsonNode n) {
        return !n.isMissingNode() && !n.isNull() && !n.has("error");
    }

    /** A number at a JSON pointer such as {@code /round_trip/p99_us}, or NaN. */
    static double at(JsonNode n, String pointer) {
        JsonNode v = n.at(pointer);
        return v.isNumber() ? v.asDouble() : Double.NaN;
    }

    /** {@code a / b} as "1.23×", or "–" when either is missing. */
    static String ratio(double a, double b) {
        if (Double.isNaN(a) || Double.isNaN(b) || b == 0) {
            return "–";
        }
        return String.format(Locale.ROOT, "%.2f×", a / b);
    }

    /** {@code a - b} with a sign, in the given unit, or "–". */
    static String delta(double a, double b, String unit) {
        if (Double.isNaN(a) || Double.isNaN(b)) {
            return "–";
        }
        return String.format(Locale.ROOT, "%+.1f %s", a - b, unit);
    }

    /** A human number: 1234567 → "1,234,567", 12.345 → "12.3". */
    static String num(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        if (Math.abs(v) >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (Math.abs(v) >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        return String.format(Locale.ROOT, "%.2f", v);
    }

    static String bytes(double v) {
        if (Double.isNaN(v)) {
            return "–";
        }
        double a = Math.abs(v);
        if (a >= 1 << 30) {
            return String.format(Locale.ROOT, "%.2f GiB", v / (1 << 30));
        }
        if (a >= 1 << 20) {
            return String.format(Locale.ROOT, "%.1f MiB", v / (1 << 20));
        }
        if (a >= 1 << 10) {
            return String.format(Locale.ROOT, "%.1f KiB", v / 1024);
        }
        return String.format(Locale.ROOT, "%.0f B", v);
    }
}
