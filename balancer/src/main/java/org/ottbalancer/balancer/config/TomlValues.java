package org.ottbalancer.balancer.config;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.util.Map;

/**
 * TOML reading for the configuration, on top of Jackson's TOML parser: whole documents, single
 * values (how environment overrides are written), and the deep merge that layers one source over
 * another the way upstream's figment does (tables are merged key by key, everything else replaced).
 */
final class TomlValues {
    private static final TomlMapper MAPPER = new TomlMapper();
    /** Key under which a lone value is parsed; any name works since the document has only this key. */
    private static final String VALUE_KEY = "value";

    private TomlValues() {
    }

    /**
     * Parses a TOML document.
     *
     * @param origin how to name the source in an error message, e.g. the file name
     */
    static ObjectNode readDocument(String text, String origin) {
        try {
            JsonNode node = MAPPER.readTree(text);
            if (node == null || node.isMissingNode()) {
                return MAPPER.createObjectNode();
            }
            if (!(node instanceof ObjectNode object)) {
                throw new ConfigException(origin + ": expected a TOML document");
            }
            return object;
        } catch (JsonProcessingException e) {
            throw new ConfigException(origin + ": invalid TOML: " + e.getOriginalMessage(), e);
        }
    }

    /**
     * Parses text as one TOML value ({@code 8081}, {@code "ewr"}, {@code {method="harness", port=1}},
     * {@code [1, 2]}, {@code true}, ...).
     *
     * @return the value, or null when the text is not exactly one TOML value (a bare word, for
     *     example), in which case callers take the text as a plain string
     */
    static JsonNode parseValue(String text) {
        ObjectNode doc;
        try {
            JsonNode node = MAPPER.readTree(VALUE_KEY + " = " + text + "\n");
            if (!(node instanceof ObjectNode object)) {
                return null;
            }
            doc = object;
        } catch (JsonProcessingException e) {
            return null;
        }
        // Text with a line break could smuggle in further keys; then it is not one value.
        return doc.size() == 1 && doc.has(VALUE_KEY) ? doc.get(VALUE_KEY) : null;
    }

    /** Layers {@code overlay} over {@code base} in place: nested tables merge, other values replace. */
    static ObjectNode merge(ObjectNode base, ObjectNode overlay) {
        for (Map.Entry<String, JsonNode> field : overlay.properties()) {
            JsonNode existing = base.get(field.getKey());
            if (existing instanceof ObjectNode existingTable && field.getValue() instanceof ObjectNode overlayTable) {
                merge(existingTable, overlayTable);
            } else {
                base.set(field.getKey(), field.getValue().deepCopy());
            }
        }
        return base;
    }

    static ObjectNode emptyTable() {
        return MAPPER.createObjectNode();
    }

    static JsonNode text(String s) {
        return MAPPER.getNodeFactory().textNode(s);
    }
}
