package org.ottbalancer.agent.tracking;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ottbalancer.protocol.LoadEpoch;
import org.ottbalancer.protocol.ProtocolCodec;
import org.ottbalancer.protocol.RoomName;
import org.ottbalancer.protocol.Uuids;

/**
 * Reads the message type of a relayed frame with Jackson's streaming parser and, for the types the
 * agent tracks, only the fields it needs, stopping as soon as it has them. The frame's buffer is
 * read through a view, so its reader index is untouched and the same bytes are relayed.
 *
 * <p>Upstream writes {@code type} before {@code payload}, so one pass usually suffices; when
 * {@code payload} comes first it is skipped and, if the type turns out to matter, read in a second
 * pass. Anything malformed yields {@link Sniffed#IGNORED}: the relay passes it on regardless and the
 * receiver decides what to do with it.
 */
public final class FrameSniffer {
    private static final JsonFactory FACTORY = ProtocolCodec.jsonFactory();

    private FrameSniffer() {
    }

    /** A frame the monolith sent to a balancer. */
    public static Sniffed fromMonolith(ByteBuf content) {
        return sniff(content, true);
    }

    /** A frame a balancer sent to the monolith. */
    public static Sniffed fromBalancer(ByteBuf content) {
        return sniff(content, false);
    }

    private static Sniffed sniff(ByteBuf content, boolean fromMonolith) {
        try (JsonParser p = open(content)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return Sniffed.IGNORED;
            }
            String type = null;
            boolean payloadSkipped = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("type")) {
                    if (value != JsonToken.VALUE_STRING) {
                        return Sniffed.IGNORED;
                    }
                    type = p.getText();
                    if (!tracked(type, fromMonolith)) {
                        return fromMonolith && type.equals("room_msg") ? Sniffed.ROOM_MSG : Sniffed.IGNORED;
                    }
                    if (payloadSkipped) {
                        return secondPass(content, type, fromMonolith);
                    }
                } else if (field.equals("payload") && type != null) {
                    return value == JsonToken.START_OBJECT ? payload(p, type) : Sniffed.IGNORED;
                } else {
                    payloadSkipped |= field.equals("payload");
                    p.skipChildren();
                }
            }
            return Sniffed.IGNORED;
        } catch (IOException | RuntimeException e) {
            return Sniffed.IGNORED;
        }
    }

    private static boolean tracked(String type, boolean fromMonolith) {
        if (fromMonolith) {
            return type.equals("init") || type.equals("loaded") || type.equals("unloaded") || type.equals("gossip")
                    || type.equals("kick");
        }
        return type.equals("join") || type.equals("leave") || type.equals("client_msg");
    }

    private static Sniffed secondPass(ByteBuf content, String type, boolean fromMonolith) throws IOException {
        try (JsonParser p = open(content)) {
            p.nextToken();
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken value = p.nextToken();
                if (field.equals("payload")) {
                    return value == JsonToken.START_OBJECT ? payload(p, type) : Sniffed.IGNORED;
                }
                p.skipChildren();
            }
            return Sniffed.IGNORED;
        }
    }

    /** The parser is positioned on the payload's START_OBJECT. */
    private static Sniffed payload(JsonParser p, String type) throws IOException {
        switch (type) {
            case "client_msg":
                return clientMsg(p);
            case "join":
                return join(p);
            case "leave":
                return leave(p);
            case "init":
                return init(p);
            case "loaded":
                return loaded(p);
            case "unloaded":
                return unloaded(p);
            case "gossip":
                return gossip(p);
            case "kick":
                return kick(p);
            default:
                return Sniffed.IGNORED;
        }
    }

    private static Sniffed clientMsg(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("client_id")) {
                // The embedded client payload may be megabytes; it is never looked at.
                return value == JsonToken.VALUE_STRING ? new Sniffed.ClientMsg(Uuids.parse(p.getText())) : Sniffed.IGNORED;
            }
            p.skipChildren();
        }
        return Sniffed.IGNORED;
    }

    private static Sniffed join(JsonParser p) throws IOException {
        String room = null;
        UUID client = null;
        while (p.nextToken() == JsonToken.FIELD_NAME && (room == null || client == null)) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("room") && value == JsonToken.VALUE_STRING) {
                room = p.getText();
            } else if (field.equals("client") && value == JsonToken.VALUE_STRING) {
                client = Uuids.parse(p.getText());
            } else {
                p.skipChildren();
            }
        }
        return room != null && client != null ? new Sniffed.Join(RoomName.of(room), client) : Sniffed.IGNORED;
    }

    private static Sniffed leave(JsonParser p) throws IOException {
        UUID client = uuidField(p, "client");
        return client == null ? Sniffed.IGNORED : new Sniffed.Leave(client);
    }

    private static Sniffed kick(JsonParser p) throws IOException {
        UUID client = uuidField(p, "client_id");
        return client == null ? Sniffed.IGNORED : new Sniffed.Kick(client);
    }

    private static UUID uuidField(JsonParser p, String name) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals(name)) {
                return value == JsonToken.VALUE_STRING ? Uuids.parse(p.getText()) : null;
            }
            p.skipChildren();
        }
        return null;
    }

    private static Sniffed init(JsonParser p) throws IOException {
        String id = null;
        String region = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("id") && value == JsonToken.VALUE_STRING) {
                id = Uuids.parse(p.getText()).toString();
            } else if (field.equals("region") && value == JsonToken.VALUE_STRING) {
                region = p.getText();
            } else {
                p.skipChildren();
            }
        }
        return id != null && region != null ? new Sniffed.MonolithInit(id, region) : Sniffed.IGNORED;
    }

    private static Sniffed loaded(JsonParser p) throws IOException {
        Sniffed.RoomEpoch entry = roomEpoch(p);
        return entry == null ? Sniffed.IGNORED : new Sniffed.Loaded(entry.room(), entry.loadEpoch());
    }

    private static Sniffed unloaded(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("name")) {
                return value == JsonToken.VALUE_STRING ? new Sniffed.Unloaded(RoomName.of(p.getText())) : Sniffed.IGNORED;
            }
            p.skipChildren();
        }
        return Sniffed.IGNORED;
    }

    private static Sniffed gossip(JsonParser p) throws IOException {
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (!field.equals("rooms")) {
                p.skipChildren();
                continue;
            }
            if (value != JsonToken.START_ARRAY) {
                return Sniffed.IGNORED;
            }
            List<Sniffed.RoomEpoch> rooms = new ArrayList<>();
            while (p.nextToken() == JsonToken.START_OBJECT) {
                Sniffed.RoomEpoch entry = roomEpoch(p);
                if (entry == null) {
                    // A balancer drops the whole gossip when one entry is bad; so does the agent.
                    return Sniffed.IGNORED;
                }
                rooms.add(entry);
            }
            return p.currentToken() == JsonToken.END_ARRAY ? new Sniffed.Gossip(rooms) : Sniffed.IGNORED;
        }
        return Sniffed.IGNORED;
    }

    /**
     * Reads {@code {"room": {"name": ...}, "load_epoch": n}} from its START_OBJECT to its END_OBJECT,
     * skipping the rest of the metadata.
     */
    private static Sniffed.RoomEpoch roomEpoch(JsonParser p) throws IOException {
        String name = null;
        long epoch = -1;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("room") && value == JsonToken.START_OBJECT) {
                name = roomName(p);
            } else if (field.equals("load_epoch") && value == JsonToken.VALUE_NUMBER_INT) {
                epoch = p.getLongValue();
            } else {
                p.skipChildren();
            }
        }
        if (name == null || epoch < 0 || epoch > LoadEpoch.PLACEHOLDER) {
            return null;
        }
        return new Sniffed.RoomEpoch(RoomName.of(name), epoch);
    }

    private static String roomName(JsonParser p) throws IOException {
        String name = null;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (field.equals("name") && value == JsonToken.VALUE_STRING) {
                name = p.getText();
            } else {
                p.skipChildren();
            }
        }
        return name;
    }

    private static JsonParser open(ByteBuf content) throws IOException {
        if (content.hasArray()) {
            return FACTORY.createParser(content.array(), content.arrayOffset() + content.readerIndex(),
                    content.readableBytes());
        }
        // Direct or composite buffers are streamed in small chunks; the frame is never copied whole.
        return FACTORY.createParser((java.io.InputStream) new ByteBufInputStream(content.duplicate()));
    }
}
