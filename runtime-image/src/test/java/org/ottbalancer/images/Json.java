package org.ottbalancer.images;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

final class Json {
    private Json() {
    }

    /** The elements of a JSON array of strings; empty when the node is missing or null. */
    static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(n -> values.add(n.asText()));
        return values;
    }
}
