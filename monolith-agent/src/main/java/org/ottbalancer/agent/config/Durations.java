package org.ottbalancer.agent.config;

import java.math.BigDecimal;
import java.time.Duration;

/** Reads durations written as {@code 500ms}, {@code 7s}, {@code 2m}, or a plain number of seconds. */
public final class Durations {
    private Durations() {
    }

    public static Duration parse(String name, String text) {
        String s = text.trim();
        String number = s;
        long unitNanos = 1_000_000_000L;
        if (s.endsWith("ms")) {
            number = s.substring(0, s.length() - 2);
            unitNanos = 1_000_000L;
        } else if (s.endsWith("s")) {
            number = s.substring(0, s.length() - 1);
        } else if (s.endsWith("m")) {
            number = s.substring(0, s.length() - 1);
            unitNanos = 60_000_000_000L;
        }
        try {
            BigDecimal value = new BigDecimal(number.trim());
            if (value.signum() < 0) {
                throw new ConfigException(name + " must not be negative, got \"" + text + "\"");
            }
            return Duration.ofNanos(value.multiply(BigDecimal.valueOf(unitNanos)).longValueExact());
        } catch (NumberFormatException | ArithmeticException e) {
            throw new ConfigException(name + " must be a duration such as 500ms, 7s or 2m, got \"" + text + "\"", e);
        }
    }

    /** Seconds as a JSON-friendly decimal, the form the drain documents use. */
    public static double seconds(Duration d) {
        return d.toNanos() / 1e9;
    }
}
