package org.ottbalancer.monolith.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.RawJson;

/** Reading JSON in assertions. */
public final class Json {
    private static final ObjectMapper MAPPER = new ObjectMapper();

    private Json() {
    }

    public static JsonNode parse(String text) {
        try {
            return MAPPER.readTree(text);
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + text, e);
        }
    }

    public static JsonNode parse(RawJson raw) {
        return parse(raw.text());
    }

    public static JsonNode payload(M2B.RoomMsg msg) {
        return parse(msg.payload());
    }
}
