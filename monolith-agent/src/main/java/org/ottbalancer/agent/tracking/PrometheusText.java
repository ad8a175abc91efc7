package org.ottbalancer.agent.tracking;

import java.util.OptionalDouble;

/**
 * Reads one metric out of a Prometheus text exposition (format 0.0.4, what prom-client serves).
 * Only the lines of the wanted metric are checked strictly; comments, {@code HELP}/{@code TYPE}
 * lines and every other metric are skipped, so an unusual line elsewhere cannot hide the one
 * sample the agent needs.
 */
public final class PrometheusText {
    private PrometheusText() {
    }

    /** A sample line of the wanted metric that cannot be read. */
    public static final class MalformedSampleException extends IllegalArgumentException {
        MalformedSampleException(String message) {
            super(message);
        }
    }

    /**
     * The sum of every sample named exactly {@code metric} (one per label set), or empty when there
     * is none. {@code NaN} and infinite samples are summed like any other value, so the caller sees
     * them in the result.
     *
     * @throws MalformedSampleException when a line of that metric has no readable value
     */
    public static OptionalDouble sum(String exposition, String metric) {
        double sum = 0;
        boolean found = false;
        for (String rawLine : exposition.split("\n", -1)) {
            String line = rawLine.strip();
            if (line.isEmpty() || line.charAt(0) == '#') {
                continue;
            }
            int nameEnd = nameEnd(line);
            if (nameEnd != metric.length() || !line.startsWith(metric)) {
                continue;
            }
            sum += value(line, nameEnd, metric);
            found = true;
        }
        return found ? OptionalDouble.of(sum) : OptionalDouble.empty();
    }

    private static int nameEnd(String line) {
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (!(Character.isLetterOrDigit(c) && c < 128 || c == '_' || c == ':')) {
                break;
            }
            i++;
        }
        return i;
    }

    private static double value(String line, int nameEnd, String metric) {
        int i = nameEnd;
        if (i < line.length() && line.charAt(i) == '{') {
            i = afterLabels(line, i, metric);
        }
        String rest = line.substring(i);
        if (rest.isEmpty() || !Character.isWhitespace(rest.charAt(0))) {
            throw new MalformedSampleException("sample of " + metric + " has no value: \"" + line + "\"");
        }
        String[] tokens = rest.strip().split("\\s+");
        if (tokens.length > 2) {
            throw new MalformedSampleException("sample of " + metric + " has extra fields: \"" + line + "\"");
        }
        return number(tokens[0], line, metric);
    }

    /** Index just past the closing brace; label values are quoted and may contain escaped quotes and braces. */
    private static int afterLabels(String line, int open, String metric) {
        boolean quoted = false;
        for (int i = open + 1; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quoted && c == '\\') {
                i++;
            } else if (c == '"') {
                quoted = !quoted;
            } else if (!quoted && c == '}') {
                return i + 1;
            }
        }
        throw new MalformedSampleException("sample of " + metric + " has an unclosed label set: \"" + line + "\"");
    }

    private static double number(String token, String line, String metric) {
        switch (token) {
            case "NaN":
                return Double.NaN;
            case "+Inf":
            case "Inf":
                return Double.POSITIVE_INFINITY;
            case "-Inf":
                return Double.NEGATIVE_INFINITY;
            default:
                break;
        }
        char last = token.charAt(token.length() - 1);
        if (!Character.isDigit(last) && last != '.') {
            // Double.parseDouble would accept Java-only spellings such as "1d" or "Infinity".
            throw new MalformedSampleException("sample of " + metric + " has a value that is not a number: \"" + line
                    + "\"");
        }
        try {
            return Double.parseDouble(token);
        } catch (NumberFormatException e) {
            throw new MalformedSampleException("sample of " + metric + " has a value that is not a number: \"" + line
                    + "\"");
        }
    }
}
