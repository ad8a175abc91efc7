package org.ottbalancer.e2e.transparency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ottbalancer.e2e.support.LinkClient;

/**
 * A link's frames in a few words each, for stating expected behaviour in tests:
 * {@code "init"}, {@code "gossip lobby:1"}, {@code "sync to c1"}, {@code "user add to all"},
 * {@code "kick c1 4004"}, {@code "unloaded lobby Commanded"}, {@code "close 1002"}, {@code "end"}.
 * Clients are named {@code cN} after {@link Stage#client(int)}. The agent's {@code ext_*} messages
 * are left out, so one expectation serves both paths.
 */
final class Summary {
    private static final ObjectMapper JSON = new ObjectMapper();

    private Summary() {
    }

    static List<String> of(LinkClient link) {
        List<String> out = new ArrayList<>();
        for (LinkClient.Frame f : link.frames()) {
            switch (f.kind()) {
                case TEXT -> {
                    String s = text(f.text());
                    if (s != null) {
                        out.add(s);
                    }
                }
                case BINARY -> out.add("binary");
                case PING -> out.add("ping");
                case PONG -> out.add("pong " + new String(f.bytes(), java.nio.charset.StandardCharsets.UTF_8));
                case CLOSE -> out.add("close " + f.closeCode());
                case END -> out.add("end");
                default -> throw new IllegalStateException("unknown frame kind " + f.kind());
            }
        }
        return out;
    }

    /** The summary of {@link #of} without the handshake's {@code init} and first {@code gossip}. */
    static List<String> afterHandshake(LinkClient link) {
        List<String> all = of(link);
        int start = all.size() >= 2 && all.get(0).equals("init") && all.get(1).startsWith("gossip") ? 2 : 0;
        return all.subList(start, all.size());
    }

    private static String text(String text) {
        JsonNode m;
        try {
            m = JSON.readTree(text);
        } catch (IOException e) {
            return "unreadable " + text;
        }
        String type = m.path("type").asText("");
        JsonNode p = m.path("payload");
        if (type.startsWith("ext_")) {
            return null;
        }
        switch (type) {
            case "init":
                return "init";
            case "gossip": {
                StringBuilder b = new StringBuilder("gossip");
                for (JsonNode e : p.path("rooms")) {
                    b.append(' ').append(e.path("room").path("name").asText()).append(':')
                            .append(e.path("room").path("users").asText());
                }
                return b.toString();
            }
            case "loaded":
                return "loaded " + p.path("room").path("name").asText();
            case "unloaded":
                return "unloaded " + p.path("name").asText() + " " + p.path("reason").asText();
            case "kick":
                return "kick " + client(p.path("client_id").asText()) + " " + p.path("reason").asInt();
            case "room_msg": {
                JsonNode inner = p.path("payload");
                String action = inner.path("action").asText("?");
                if (action.equals("user")) {
                    action = "user " + inner.path("update").path("kind").asText();
                }
                String to = p.path("client_id").isTextual() ? client(p.path("client_id").asText()) : "all";
                return action + " to " + to;
            }
            default:
                return type;
        }
    }

    /** {@code cN} for ids made by {@link Stage#client(int)}, else the id itself. */
    private static String client(String id) {
        for (int n = 1; n < 100; n++) {
            if (Stage.client(n).equals(UUID.fromString(id))) {
                return "c" + n;
            }
        }
        return id;
    }
}
