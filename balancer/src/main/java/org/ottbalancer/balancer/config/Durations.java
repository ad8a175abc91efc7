package org.ottbalancer.balancer.config;

import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;

/**
 * Parses durations written the way upstream's configuration writes them (Rust's {@code humantime}):
 * one or more spans of an integer and a unit, with optional spaces between and within spans, e.g.
 * {@code "5s"}, {@code "500ms"}, {@code "1h 30m"}, {@code "2min"}, {@code "1h30m"}, {@code "20 min"}. A
 * bare number without unit is rejected, as upstream rejects it; units are case-sensitive ({@code m} is
 * minutes, {@code M} months).
 */
public final class Durations {
    private static final BigInteger NANOS_PER_SECOND = BigInteger.valueOf(1_000_000_000L);
    private static final BigInteger MAX_NANOS =
            BigInteger.valueOf(Long.MAX_VALUE).multiply(NANOS_PER_SECOND).add(BigInteger.valueOf(999_999_999L));

    /** Length of one of each unit in nanoseconds. Months and years use humantime's 30.44 and 365.25 days. */
    private static final Map<String, Long> UNIT_NANOS = Map.ofEntries(
            Map.entry("nanos", 1L), Map.entry("nsec", 1L), Map.entry("ns", 1L),
            Map.entry("usec", 1_000L), Map.entry("us", 1_000L),
            Map.entry("millis", 1_000_000L), Map.entry("msec", 1_000_000L), Map.entry("ms", 1_000_000L),
            Map.entry("seconds", 1_000_000_000L), Map.entry("second", 1_000_000_000L),
            Map.entry("secs", 1_000_000_000L), Map.entry("sec", 1_000_000_000L), Map.entry("s", 1_000_000_000L),
            Map.entry("minutes", 60_000_000_000L), Map.entry("minute", 60_000_000_000L),
            Map.entry("mins", 60_000_000_000L), Map.entry("min", 60_000_000_000L), Map.entry("m", 60_000_000_000L),
            Map.entry("hours", 3_600_000_000_000L), Map.entry("hour", 3_600_000_000_000L),
            Map.entry("hrs", 3_600_000_000_000L), Map.entry("hr", 3_600_000_000_000L), Map.entry("h", 3_600_000_000_000L),
            Map.entry("days", 86_400_000_000_000L), Map.entry("day", 86_400_000_000_000L), Map.entry("d", 86_400_000_000_000L),
            Map.entry("weeks", 604_800_000_000_000L), Map.entry("week", 604_800_000_000_000L),
            Map.entry("w", 604_800_000_000_000L),
            Map.entry("months", 2_630_016_000_000_000L), Map.entry("month", 2_630_016_000_000_000L),
            Map.entry("M", 2_630_016_000_000_000L),
            Map.entry("years", 31_557_600_000_000_000L), Map.entry("year", 31_557_600_000_000_000L),
            Map.entry("y", 31_557_600_000_000_000L));

    private Durations() {
    }

    /**
     * Parses a duration.
     *
     * @throws IllegalArgumentException with a message saying what is wrong (no key; callers add it)
     */
    public static Duration parse(String text) {
        String s = text.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException("empty duration");
        }
        BigInteger total = BigInteger.ZERO;
        int i = 0;
        while (i < s.length()) {
            int numberStart = i;
            while (i < s.length() && isAsciiDigit(s.charAt(i))) {
                i++;
            }
            if (i == numberStart) {
                throw new IllegalArgumentException("expected a number at \"" + s.substring(numberStart) + "\"");
            }
            BigInteger amount = new BigInteger(s.substring(numberStart, i));
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
            int unitStart = i;
            while (i < s.length() && isAsciiLetter(s.charAt(i))) {
                i++;
            }
            if (i < s.length() && !isAsciiDigit(s.charAt(i)) && !Character.isWhitespace(s.charAt(i))) {
                throw new IllegalArgumentException("unexpected character '" + s.charAt(i) + "' at \"" + s.substring(i) + "\"");
            }
            if (i == unitStart) {
                throw new IllegalArgumentException("time unit needed after " + amount
                        + ", for example " + amount + "s or " + amount + "ms");
            }
            String unit = s.substring(unitStart, i);
            Long nanos = UNIT_NANOS.get(unit);
            if (nanos == null) {
                throw new IllegalArgumentException("unknown time unit \"" + unit
                        + "\" (supported: ns, us, ms, s/sec, m/min, h/hr, d, w, M, y and their long forms)");
            }
            total = total.add(amount.multiply(BigInteger.valueOf(nanos)));
            if (total.compareTo(MAX_NANOS) > 0) {
                throw new IllegalArgumentException("duration is too long");
            }
            while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
                i++;
            }
        }
        BigInteger[] secondsAndNanos = total.divideAndRemainder(NANOS_PER_SECOND);
        return Duration.ofSeconds(secondsAndNanos[0].longValueExact(), secondsAndNanos[1].longValueExact());
    }

    private static boolean isAsciiLetter(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
