package org.ottbalancer.balancer.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One TOML table of the configuration, read with typed accessors whose errors name the full key
 * ({@code discovery.port: expected an integer in 1..65535, got "abc"}).
 */
final class ConfigTable {
    private final ObjectNode node;
    private final String prefix;
    private final Consumer<String> warnings;

    ConfigTable(ObjectNode node, String prefix, Consumer<String> warnings) {
        this.node = node;
        this.prefix = prefix;
        this.warnings = warnings;
    }

    /** The dotted name of a key of this table, as used in messages. */
    String path(String key) {
        return prefix.isEmpty() ? key : prefix + "." + key;
    }

    /** The table's own dotted name ({@code discovery}), or empty for the top level. */
    String name() {
        return prefix;
    }

    boolean has(String key) {
        return node.has(key);
    }

    boolean isString(String key) {
        return node.has(key) && node.get(key).isTextual();
    }

    /** Logs, rather than rejects, keys that mean nothing here: upstream ignores unknown keys too. */
    void warnAboutKeysOtherThan(Set<String> known) {
        Iterator<String> names = node.fieldNames();
        while (names.hasNext()) {
            String key = names.next();
            if (!known.contains(key)) {
                warnings.accept("ignoring unknown configuration key " + path(key));
            }
        }
    }

    void warn(String message) {
        warnings.accept(message);
    }

    long integer(String key, long min, long max, long fallback) {
        return has(key) ? requireInteger(key, min, max) : fallback;
    }

    long requireInteger(String key, long min, long max) {
        JsonNode v = require(key, "an integer in " + min + ".." + max);
        if (!v.isIntegralNumber()) {
            throw mismatch(key, "an integer in " + min + ".." + max, v);
        }
        BigInteger value = v.bigIntegerValue();
        if (value.compareTo(BigInteger.valueOf(min)) < 0 || value.compareTo(BigInteger.valueOf(max)) > 0) {
            throw mismatch(key, "an integer in " + min + ".." + max, v);
        }
        return value.longValueExact();
    }

    /** A number, integer or float ({@code load_factor = 2} and {@code = 2.0} mean the same). */
    double number(String key, double fallback) {
        if (!has(key)) {
            return fallback;
        }
        JsonNode v = node.get(key);
        if (!v.isNumber()) {
            throw mismatch(key, "a number", v);
        }
        return v.doubleValue();
    }

    String requireString(String key) {
        JsonNode v = require(key, "a string");
        if (!v.isTextual()) {
            throw mismatch(key, "a string", v);
        }
        return v.textValue();
    }

    Optional<String> optionalString(String key) {
        return has(key) ? Optional.of(requireString(key)) : Optional.empty();
    }

    /** A non-empty string: for names and paths, where an empty value can only be a mistake. */
    String requireNonEmptyString(String key) {
        String s = requireString(key);
        if (s.isBlank()) {
            throw new ConfigException(path(key) + ": must not be empty");
        }
        return s;
    }

    /** A humantime duration string such as {@code "5s"} or {@code "1h 30m"}. */
    Duration duration(String key, Duration fallback) {
        if (!has(key)) {
            return fallback;
        }
        String text = requireDurationText(key);
        try {
            return Durations.parse(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(path(key) + ": invalid duration \"" + text + "\": " + e.getMessage());
        }
    }

    /** Like {@link #duration} but zero is refused, for intervals and timeouts that would spin or never wait. */
    Duration positiveDuration(String key, Duration fallback) {
        Duration d = duration(key, fallback);
        if (d.isZero()) {
            throw new ConfigException(path(key) + ": must be longer than zero");
        }
        return d;
    }

    private String requireDurationText(String key) {
        JsonNode v = require(key, "a duration string such as \"5s\"");
        if (!v.isTextual()) {
            throw mismatch(key, "a duration string such as \"5s\"", v);
        }
        return v.textValue();
    }

    ConfigTable table(String key) {
        JsonNode v = require(key, "a table");
        if (!(v instanceof ObjectNode object)) {
            throw mismatch(key, "a table", v);
        }
        return new ConfigTable(object, path(key), warnings);
    }

    Optional<ConfigTable> optionalTable(String key) {
        return has(key) ? Optional.of(table(key)) : Optional.empty();
    }

    /** An array whose elements are tables, each named {@code key[i]} in messages. */
    List<ConfigTable> tables(String key) {
        JsonNode v = require(key, "an array of tables");
        if (!v.isArray()) {
            throw mismatch(key, "an array of tables", v);
        }
        List<ConfigTable> result = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode element = v.get(i);
            String elementPath = path(key) + "[" + i + "]";
            if (!(element instanceof ObjectNode object)) {
                throw new ConfigException(elementPath + ": expected a table, got " + describe(element));
            }
            result.add(new ConfigTable(object, elementPath, warnings));
        }
        return result;
    }

    private JsonNode require(String key, String expected) {
        JsonNode v = node.get(key);
        if (v == null) {
            throw new ConfigException(path(key) + ": missing, expected " + expected);
        }
        return v;
    }

    ConfigException mismatch(String key, String expected, JsonNode got) {
        return new ConfigException(path(key) + ": expected " + expected + ", got " + describe(got));
    }

    /** How a value is shown in messages: strings quoted, integers and booleans as written, floats and containers by kind. */
    static String describe(JsonNode v) {
        if (v.isTextual()) {
            return "\"" + v.textValue() + "\"";
        }
        if (v.isObject()) {
            return "a table";
        }
        if (v.isArray()) {
            return "an array";
        }
        if (v.isFloatingPointNumber()) {
            // The parser normalises 8081.0 to 8081, which alone would hide why it was refused.
            return "the float " + v.asText();
        }
        return v.asText();
    }
}
