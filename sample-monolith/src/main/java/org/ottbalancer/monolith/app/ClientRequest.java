package org.ottbalancer.monolith.app;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.util.Optional;
import org.ottbalancer.protocol.RawJson;

/** A client message read far enough to dispatch it: its {@code action} and the whole object. */
record ClientRequest(String action, JsonNode body) {

    /** Empty when the payload is not an object with a string {@code action}. */
    static Optional<ClientRequest> parse(RawJson payload) {
        JsonNode node;
        try {
            node = Messages.JSON.readTree(payload.array(), payload.offset(), payload.length());
        } catch (IOException e) {
            return Optional.empty();
        }
        if (node == null || !node.isObject() || !node.path("action").isTextual()) {
            return Optional.empty();
        }
        return Optional.of(new ClientRequest(node.get("action").asText(), node));
    }
}
