package org.ottbalancer.monolith.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ottbalancer.monolith.rooms.ChatMessage;
import org.ottbalancer.monolith.rooms.Member;
import org.ottbalancer.monolith.rooms.Playback;
import org.ottbalancer.monolith.rooms.Room;
import org.ottbalancer.protocol.RawJson;

/**
 * The JSON messages the watch-party app sends to clients. Each is an object with an {@code action}
 * key, shaped after OTT's ({@code sync}, {@code user}, {@code you}, {@code chat}) plus this app's
 * own {@code playback}, {@code settings} and {@code error}.
 */
public final class Messages {
    static final ObjectMapper JSON = new ObjectMapper();

    private Messages() {
    }

    /** Full room state: sent to a client when it joins and when it asks with {@code status}. */
    public static RawJson sync(Room room, long now) {
        ObjectNode n = action("sync");
        n.put("name", room.name().value());
        n.put("title", room.title());
        n.put("description", room.description());
        n.put("isTemporary", room.isTemporary());
        n.put("visibility", room.visibility().wire());
        n.put("queueMode", room.queueMode());
        n.set("currentSource", readTree(room.currentSource()));
        n.put("revision", room.revision());
        n.set("playback", playback(room.playback(), now));
        ArrayNode chat = n.putArray("chat");
        for (ChatMessage c : room.chat()) {
            chat.add(chatNode(c));
        }
        ArrayNode users = n.putArray("users");
        for (Member m : room.members()) {
            users.add(user(m));
        }
        return raw(n);
    }

    /** The joining client's own user entry ({@code user} update of kind {@code init}). */
    public static RawJson userInit(Member m) {
        return userUpdate("init", user(m));
    }

    public static RawJson userAdded(Member m) {
        return userUpdate("add", user(m));
    }

    public static RawJson userChanged(Member m) {
        return userUpdate("update", user(m));
    }

    public static RawJson userRemoved(Member m) {
        ObjectNode n = action("user");
        ObjectNode update = n.putObject("update");
        update.put("kind", "remove");
        update.put("value", m.id().toString());
        return raw(n);
    }

    /** Tells a client its own id. */
    public static RawJson you(Member m) {
        ObjectNode n = action("you");
        n.putObject("info").put("id", m.id().toString());
        return raw(n);
    }

    public static RawJson chat(ChatMessage c) {
        ObjectNode n = chatNode(c);
        n.put("action", "chat");
        return raw(n);
    }

    /** The new playback state, with the room's revision so clients can order updates. */
    public static RawJson playbackChanged(Room room, long now) {
        ObjectNode n = action("playback");
        n.set("state", playback(room.playback(), now));
        n.put("revision", room.revision());
        return raw(n);
    }

    public static RawJson settingsChanged(Room room) {
        ObjectNode n = action("settings");
        n.put("title", room.title());
        n.put("revision", room.revision());
        return raw(n);
    }

    public static RawJson error(String message) {
        ObjectNode n = action("error");
        n.put("error", message);
        return raw(n);
    }

    private static ObjectNode action(String name) {
        ObjectNode n = JSON.createObjectNode();
        n.put("action", name);
        return n;
    }

    private static RawJson userUpdate(String kind, ObjectNode value) {
        ObjectNode n = action("user");
        ObjectNode update = n.putObject("update");
        update.put("kind", kind);
        update.set("value", value);
        return raw(n);
    }

    private static ObjectNode user(Member m) {
        ObjectNode u = JSON.createObjectNode();
        u.put("id", m.id().toString());
        u.put("name", m.name());
        return u;
    }

    private static ObjectNode chatNode(ChatMessage c) {
        ObjectNode n = JSON.createObjectNode();
        ObjectNode from = n.putObject("from");
        from.put("id", c.fromId());
        from.put("name", c.fromName());
        n.put("text", c.text());
        n.put("timestamp", c.timestamp());
        return n;
    }

    private static ObjectNode playback(Playback p, long now) {
        ObjectNode n = JSON.createObjectNode();
        if (p.videoId() == null) {
            n.putNull("videoId");
        } else {
            n.put("videoId", p.videoId());
        }
        n.put("position", p.positionAt(now));
        n.put("playing", p.playing());
        n.put("updatedAt", now);
        return n;
    }

    private static com.fasterxml.jackson.databind.JsonNode readTree(RawJson raw) {
        try {
            return JSON.readTree(raw.array(), raw.offset(), raw.length());
        } catch (java.io.IOException e) {
            throw new IllegalStateException("room metadata is always valid JSON", e);
        }
    }

    private static RawJson raw(ObjectNode n) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(n);
            return RawJson.wrap(bytes, 0, bytes.length);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a JSON tree always serialises", e);
        }
    }
}
