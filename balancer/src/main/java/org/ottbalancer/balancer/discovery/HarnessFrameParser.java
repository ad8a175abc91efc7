package org.ottbalancer.balancer.discovery;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import org.ottbalancer.protocol.registry.MonolithEntry;

/**
 * Reads one harness controller frame: a JSON array of socket-address strings that is the complete
 * monolith list, e.g. {@code ["[::1]:40123","127.0.0.1:3002"]} (spec §6.5). The whole frame is
 * rejected if any element is bad, because applying part of a list would silently drop monoliths.
 */
final class HarnessFrameParser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private HarnessFrameParser() {
    }

    /**
     * @throws IllegalArgumentException saying what is wrong with the frame
     */
    static List<MonolithEntry> parse(String frame) {
        JsonNode root;
        try {
            root = JSON.readTree(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("harness frame is not JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("harness frame must be a JSON array of \"host:port\" strings, got "
                    + (root == null ? "nothing" : root.getNodeType().toString().toLowerCase()));
        }
        List<MonolithEntry> monoliths = new ArrayList<>(root.size());
        for (int i = 0; i < root.size(); i++) {
            JsonNode element = root.get(i);
            if (!element.isTextual()) {
                throw new IllegalArgumentException("harness frame element " + i + " must be a \"host:port\" string, got "
                        + element);
            }
            try {
                monoliths.add(SocketAddressParser.parse(element.textValue()));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("harness frame element " + i + ": " + e.getMessage(), e);
            }
        }
        return monoliths;
    }
}
