package org.ottbalancer.e2e.transparency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Makes two runs of one scenario comparable: values that differ between runs by nature are replaced
 * with stable placeholders. UUIDs (monolith, balancer and client ids) and load epochs become
 * {@code <id-N>} / {@code <epoch-N>} numbered by first appearance, so that "the same id again" is
 * still visible; wall-clock times and bound ports become {@code <time>} / {@code <port>}. Very long
 * strings are replaced by their length and hash so that a 1 MiB payload still compares exactly
 * without drowning a failure message. One normalizer serves every link of a run, in a fixed link
 * order, so numbering is deterministic.
 */
final class Normalizer {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern UUID_TEXT = Pattern.compile(
            "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}");
    /** Fields holding milliseconds since the epoch in the sample monolith's messages. */
    private static final java.util.Set<String> TIME_FIELDS = java.util.Set.of("timestamp", "updatedAt", "createdAt");
    private static final Pattern GUEST = Pattern.compile("Guest ([0-9a-f]{4})");
    static final int LONG_STRING = 2_000;

    private final Map<String, String> ids = new LinkedHashMap<>();
    private final Map<String, String> epochs = new HashMap<>();

    /** A text frame: JSON is rewritten field by field; anything else only has its ids replaced. */
    String text(String text) {
        JsonNode tree;
        try {
            tree = JSON.readTree(text);
        } catch (IOException e) {
            return "not JSON: " + string(text);
        }
        if (tree == null) {
            return "empty";
        }
        return normalize(tree, null).toString();
    }

    String bytes(byte[] bytes) {
        return bytes.length + " bytes, sha256 " + sha256(bytes);
    }

    private JsonNode normalize(JsonNode node, String field) {
        if (node.isObject()) {
            ObjectNode out = JSON.createObjectNode();
            Iterator<Map.Entry<String, JsonNode>> it = node.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                out.set(e.getKey(), normalize(e.getValue(), e.getKey()));
            }
            return out;
        }
        if (node.isArray()) {
            ArrayNode out = JSON.createArrayNode();
            for (JsonNode child : node) {
                out.add(normalize(child, field));
            }
            return out;
        }
        if (node.isNumber() && field != null) {
            if (field.equals("load_epoch")) {
                return TextNode.valueOf(epochs.computeIfAbsent(node.asText(), v -> "<epoch-" + (epochs.size() + 1) + ">"));
            }
            if (TIME_FIELDS.contains(field)) {
                return TextNode.valueOf("<time>");
            }
            if (field.equals("port")) {
                return TextNode.valueOf("<port>");
            }
        }
        if (node.isTextual()) {
            return TextNode.valueOf(string(node.asText()));
        }
        return node;
    }

    private String string(String s) {
        if (s.length() > LONG_STRING) {
            return "<" + s.length() + " chars, sha256 " + sha256(s.getBytes(StandardCharsets.UTF_8)) + ">";
        }
        Matcher m = UUID_TEXT.matcher(s);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String id = m.group().toLowerCase();
            m.appendReplacement(out, ids.computeIfAbsent(id, v -> "<id-" + (ids.size() + 1) + ">"));
        }
        m.appendTail(out);
        return guestName(out.toString());
    }

    /**
     * The sample monolith names a user {@code "Guest "} plus the first four hex digits of its id;
     * with ids chosen at random by the balancer the name follows the id's placeholder.
     */
    private String guestName(String s) {
        Matcher g = GUEST.matcher(s);
        if (!g.matches()) {
            return s;
        }
        for (Map.Entry<String, String> e : ids.entrySet()) {
            if (e.getKey().startsWith(g.group(1))) {
                return "Guest " + e.getValue();
            }
        }
        return s;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JVM has SHA-256", e);
        }
    }
}
