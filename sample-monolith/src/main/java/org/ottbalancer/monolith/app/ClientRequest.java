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

    /** Parses {@code payload}; if it is not a request, tells the sender why and returns empty. */
    static Optional<ClientRequest> parseOrTell(org.ottbalancer.monolith.rooms.Room room,
            org.ottbalancer.monolith.rooms.Member member, RawJson payload) {
        Optional<ClientRequest> parsed = parse(payload);
        if (parsed.isEmpty()) {
            room.send(member, Messages.error("a message must be a JSON object with a string \"action\""));
        }
        return parsed;
    }
}
