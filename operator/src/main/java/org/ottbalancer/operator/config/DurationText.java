package org.ottbalancer.operator.config;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the durations of the OttCluster spec: whole numbers with a unit, concatenated like Go's
 * {@code time.ParseDuration} ({@code 300s}, {@code 5m}, {@code 1h30m}, {@code 1500ms}).
 */
public final class DurationText {
    private static final Pattern WHOLE = Pattern.compile("([0-9]+(?:ms|s|m|h))+");
    private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h)");

    private DurationText() {
    }

    /**
     * @throws IllegalArgumentException naming the text when it is not such a duration or is absurdly long
     */
    public static Duration parse(String text) {
        if (text == null || !WHOLE.matcher(text).matches()) {
            throw new IllegalArgumentException("\"" + text + "\" is not a duration such as 300s, 5m or 1h30m");
        }
        Duration total = Duration.ZERO;
        Matcher m = PART.matcher(text);
        try {
            while (m.find()) {
                long amount = Long.parseLong(m.group(1));
                total = total.plus(ofUnit(amount, m.group(2)));
            }
        } catch (NumberFormatException | ArithmeticException e) {
            throw new IllegalArgumentException("\"" + text + "\" is too long a duration", e);
        }
        return total;
    }

    private static Duration ofUnit(long amount, String unit) {
        if (unit.equals("ms")) {
            return Duration.ofMillis(amount);
        } else if (unit.equals("s")) {
            return Duration.ofSeconds(amount);
        } else if (unit.equals("m")) {
            return Duration.ofMinutes(amount);
        }
        return Duration.ofHours(amount);
    }
}
