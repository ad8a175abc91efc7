package org.ottbalancer.balancer.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Consumer;

/**
 * Turns {@code BALANCER_*} environment variables into a configuration layer, as upstream's figment
 * does: the prefix matches in any case, the rest of the name, trimmed and lower-cased, is a top-level
 * key (underscores are not separators; a dot, which few shells allow in names, nests as in
 * {@code BALANCER_DISCOVERY.PORT}), and the value is read as a TOML value, so
 * {@code BALANCER_PORT=8081} is an integer and {@code BALANCER_DISCOVERY={method="harness", port=40000}}
 * an inline table. Text that is not a TOML value ({@code BALANCER_REGION=ewr}) is a plain string.
 */
final class EnvOverrides {
    static final String PREFIX = "BALANCER_";
    /**
     * Keys whose value is a string: for them an unquoted value is always the text verbatim, so that an
     * API key such as {@code 1e3} or {@code 0x10} is not turned into a number first.
     */
    private static final Set<String> STRING_KEYS = Set.of("region", "api_key", "bind");

    private EnvOverrides() {
    }

    static ObjectNode read(Map<String, String> env, Set<String> knownKeys, Consumer<String> warnings) {
        ObjectNode layer = TomlValues.emptyTable();
        // Sorted so that warnings and any clashes (BALANCER_PORT vs BALANCER_port) resolve the same way every run.
        for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
            String name = e.getKey();
            if (!name.regionMatches(true, 0, PREFIX, 0, PREFIX.length())) {
                continue;
            }
            String key = name.substring(PREFIX.length()).strip().toLowerCase(Locale.ROOT);
            String[] path = key.split("\\.", -1);
            if (key.isEmpty() || Arrays.stream(path).anyMatch(String::isEmpty)) {
                continue; // figment skips names with an empty segment too
            }
            if (!knownKeys.contains(path[0])) {
                warnings.accept("ignoring environment variable " + name + ": " + path[0] + " is not a configuration key");
                continue;
            }
            boolean stringKey = path.length == 1 && STRING_KEYS.contains(path[0]);
            TomlValues.merge(layer, nest(path, value(stringKey, e.getValue())));
        }
        return layer;
    }

    private static ObjectNode nest(String[] path, JsonNode leaf) {
        JsonNode node = leaf;
        for (int i = path.length - 1; i >= 0; i--) {
            ObjectNode table = TomlValues.emptyTable();
            table.set(path[i], node);
            node = table;
        }
        return (ObjectNode) node;
    }

    private static JsonNode value(boolean stringKey, String text) {
        JsonNode parsed = TomlValues.parseValue(text);
        if (parsed == null || (stringKey && !parsed.isTextual())) {
            return TomlValues.text(text);
        }
        return parsed;
    }
}
