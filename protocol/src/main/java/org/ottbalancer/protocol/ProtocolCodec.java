package org.ottbalancer.protocol;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one codec of the balancer protocol: B2M and M2B messages, the client's first frame, and JSON
 * validation of relayed client frames.
 *
 * <p>Messages are adjacently tagged objects, {@code {"type":"<name>","payload":{...}}}; the two keys
 * may come in either order and unknown keys are ignored. Payload values that the protocol carries
 * through ({@code room_msg} and {@code client_msg} payloads, untyped metadata) are kept as spans of
 * the decoded bytes, never re-serialised.
 */
public final class ProtocolCodec {
    private static final JsonFactory FACTORY = JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(256).build())
            .build();

    private ProtocolCodec() {
    }

    // ---------------------------------------------------------------- decoding

    public static M2B decodeM2B(byte[] bytes) {
        return decodeM2B(bytes, 0, bytes.length);
    }

    /** Decodes one monolith-to-balancer frame. */
    public static M2B decodeM2B(byte[] bytes, int offset, int length) {
        // The balancer's hot path: most frames are plain room_msg, read without a parser.
        M2B.RoomMsg roomMsg = RoomMsgScanner.scan(bytes, offset, length);
        return roomMsg != null ? roomMsg : decodeM2BWithParser(bytes, offset, length);
    }

    /** The general decoder, for every message type and every error; the fast path must agree with it. */
    static M2B decodeM2BWithParser(byte[] bytes, int offset, int length) {
        JsonFields envelope = JsonFields.read(FACTORY, bytes, offset, length, "message");
        String type = envelope.string("type");
        JsonFields p = payload(envelope, type);
        return switch (type) {
            case "init" -> new M2B.Init((int) p.unsigned("port", 0xFFFF), p.string("region"), p.uuid("id"));
            case "loaded" -> new M2B.Loaded(metadata(p.object(FACTORY, "room")), p.unsigned("load_epoch", LoadEpoch.PLACEHOLDER));
            case "unloaded" -> new M2B.Unloaded(RoomName.of(p.string("name")), unloadReason(p.string("reason")));
            case "gossip" -> gossip(p);
            case "room_msg" -> new M2B.RoomMsg(RoomName.of(p.string("room")),
                    Optional.ofNullable(p.optionalUuid("client_id")), p.raw("payload"));
            case "kick" -> new M2B.Kick(p.uuid("client_id"), (int) p.unsigned("reason", 0xFFFF));
            case "ext_freeze" -> new M2B.Freeze(RoomName.of(p.string("room")), p.unsigned("deadline_ms", Long.MAX_VALUE));
            case "ext_unfreeze" -> new M2B.Unfreeze(RoomName.of(p.string("room")));
            case "ext_status" -> new M2B.Status(monolithState(p.string("state")));
            default -> throw new ProtocolException("unknown M2B message type \"" + type + "\"");
        };
    }

    public static B2M decodeB2M(byte[] bytes) {
        return decodeB2M(bytes, 0, bytes.length);
    }

    /** Decodes one balancer-to-monolith frame. */
    public static B2M decodeB2M(byte[] bytes, int offset, int length) {
        JsonFields envelope = JsonFields.read(FACTORY, bytes, offset, length, "message");
        String type = envelope.string("type");
        JsonFields p = payload(envelope, type);
        return switch (type) {
            case "init" -> new B2M.Init(p.uuid("id"));
            case "join" -> new B2M.Join(RoomName.of(p.string("room")), p.uuid("client"), p.string("token"));
            case "leave" -> new B2M.Leave(p.uuid("client"));
            case "client_msg" -> new B2M.ClientMsg(p.uuid("client_id"), p.raw("payload"));
            case "unload" -> new B2M.Unload(RoomName.of(p.string("room")));
            case "load" -> new B2M.Load(RoomName.of(p.string("room")));
            default -> throw new ProtocolException("unknown B2M message type \"" + type + "\"");
        };
    }

    /**
     * Decodes the first frame of a client: {@code auth} with a string token, or some other action.
     *
     * @throws ProtocolException when the frame is not JSON, has no string {@code action}, or is an
     *     {@code auth} without a string {@code token}
     */
    public static ClientHello decodeClientHello(byte[] bytes, int offset, int length) {
        JsonFields msg = JsonFields.read(FACTORY, bytes, offset, length, "client message");
        String action = msg.string("action");
        if (action.equals("auth")) {
            return new ClientHello.Auth(msg.string("token"));
        }
        return new ClientHello.OtherAction(action);
    }

    /**
     * Checks that the bytes hold exactly one well-formed JSON value (any type), so that nothing that
     * is not JSON is ever embedded into a message for a monolith.
     */
    public static void validateJson(byte[] bytes, int offset, int length) {
        if (JsonSyntax.isSingleValue(bytes, offset, length)) {
            // Certainly well-formed; Jackson is asked only about the rest, and words any refusal.
            return;
        }
        validateJsonWithParser(bytes, offset, length);
    }

    /** The general check, which decides every frame the fast check is not sure about. */
    static void validateJsonWithParser(byte[] bytes, int offset, int length) {
        try (JsonParser p = FACTORY.createParser(bytes, offset, length)) {
            if (p.nextToken() == null) {
                throw new ProtocolException("empty frame");
            }
            p.skipChildren();
            if (p.currentToken() == JsonToken.VALUE_STRING) {
                p.finishToken();
            }
            if (p.nextToken() != null) {
                throw new ProtocolException("trailing content after the JSON value");
            }
        } catch (IOException e) {
            throw new ProtocolException("not valid JSON: " + JsonFields.describe(e), e);
        }
    }

    private static JsonFields payload(JsonFields envelope, String type) {
        if (!envelope.has("payload")) {
            throw new ProtocolException("message of type \"" + type + "\" has no payload");
        }
        return envelope.object(FACTORY, "payload");
    }

    private static org.ottbalancer.protocol.registry.MonolithState monolithState(String s) {
        try {
            return org.ottbalancer.protocol.registry.MonolithState.fromWire(s);
        } catch (IllegalArgumentException e) {
            throw new ProtocolException(e.getMessage());
        }
    }

    private static UnloadReason unloadReason(String s) {
        for (UnloadReason r : UnloadReason.values()) {
            if (r.name().equals(s)) {
                return r;
            }
        }
        throw new ProtocolException("unknown unload reason \"" + s + "\"");
    }

    private static RoomMetadata metadata(JsonFields m) {
        return new RoomMetadata(
                RoomName.of(m.string("name")),
                m.raw("title"),
                m.raw("description"),
                m.raw("isTemporary"),
                Visibility.fromWire(m.string("visibility")),
                m.raw("queueMode"),
                m.raw("currentSource"),
                m.raw("users"));
    }

    private static M2B.Gossip gossip(JsonFields p) {
        List<GossipEntry> rooms = new ArrayList<>();
        byte[] src = p.source();
        for (int[] span : p.arrayElements(FACTORY, "rooms")) {
            JsonFields entry = JsonFields.read(FACTORY, src, span[0], span[1], "gossip entry");
            rooms.add(new GossipEntry(metadata(entry.object(FACTORY, "room")),
                    entry.unsigned("load_epoch", LoadEpoch.PLACEHOLDER)));
        }
        return new M2B.Gossip(rooms);
    }

    // ---------------------------------------------------------------- encoding

    /** Encodes a balancer-to-monolith message as the UTF-8 text of one frame. */
    public static byte[] encode(B2M message) {
        return write(message.type(), g -> {
            // Java 17 has no pattern matching for switch; the chain below covers every permitted type.
            if (message instanceof B2M.Init m) {
                g.writeStringField("id", m.id().toString());
            } else if (message instanceof B2M.Join m) {
                g.writeStringField("room", m.room().value());
                g.writeStringField("client", m.client().toString());
                g.writeStringField("token", m.token());
            } else if (message instanceof B2M.Leave m) {
                g.writeStringField("client", m.client().toString());
            } else if (message instanceof B2M.ClientMsg m) {
                g.writeStringField("client_id", m.clientId().toString());
                g.writeFieldName("payload");
                g.writeRawValue(m.payload().text());
            } else if (message instanceof B2M.Unload m) {
                g.writeStringField("room", m.room().value());
            } else if (message instanceof B2M.Load m) {
                g.writeStringField("room", m.room().value());
            } else {
                throw new IllegalArgumentException("unknown B2M " + message);
            }
        });
    }

    /** Encodes a monolith-to-balancer message as the UTF-8 text of one frame. */
    public static byte[] encode(M2B message) {
        return write(message.type(), g -> {
            if (message instanceof M2B.Init m) {
                g.writeNumberField("port", m.port());
                g.writeStringField("region", m.region());
                g.writeStringField("id", m.id().toString());
            } else if (message instanceof M2B.Loaded m) {
                g.writeFieldName("room");
                writeMetadata(g, m.room());
                g.writeNumberField("load_epoch", m.loadEpoch());
            } else if (message instanceof M2B.Unloaded m) {
                g.writeStringField("name", m.name().value());
                g.writeStringField("reason", m.reason().name());
            } else if (message instanceof M2B.Gossip m) {
                g.writeArrayFieldStart("rooms");
                for (GossipEntry e : m.rooms()) {
                    g.writeStartObject();
                    g.writeFieldName("room");
                    writeMetadata(g, e.room());
                    g.writeNumberField("load_epoch", e.loadEpoch());
                    g.writeEndObject();
                }
                g.writeEndArray();
            } else if (message instanceof M2B.RoomMsg m) {
                g.writeStringField("room", m.room().value());
                if (m.clientId().isPresent()) {
                    g.writeStringField("client_id", m.clientId().get().toString());
                }
                g.writeFieldName("payload");
                g.writeRawValue(m.payload().text());
            } else if (message instanceof M2B.Kick m) {
                g.writeStringField("client_id", m.clientId().toString());
                g.writeNumberField("reason", m.reason());
            } else if (message instanceof M2B.Freeze m) {
                g.writeStringField("room", m.room().value());
                g.writeNumberField("deadline_ms", m.deadlineMillis());
            } else if (message instanceof M2B.Unfreeze m) {
                g.writeStringField("room", m.room().value());
            } else if (message instanceof M2B.Status m) {
                g.writeStringField("state", m.state().wire());
            } else {
                throw new IllegalArgumentException("unknown M2B " + message);
            }
        });
    }

    /** Encodes the client's first frame, {@code {"action":"auth","token":"..."}}. */
    public static byte[] encodeAuth(String token) {
        ByteArrayBuilder out = new ByteArrayBuilder(64 + token.length());
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("action", "auth");
            g.writeStringField("token", token);
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /**
     * Writes room metadata; also used by the balancer's room list, which prints the same object.
     * Fields carried as raw JSON are written back verbatim.
     */
    public static void writeMetadata(JsonGenerator g, RoomMetadata m) throws IOException {
        g.writeStartObject();
        writeMetadataFields(g, m);
        g.writeEndObject();
    }

    /** Writes the eight metadata fields into the object that {@code g} is currently writing. */
    public static void writeMetadataFields(JsonGenerator g, RoomMetadata m) throws IOException {
        g.writeStringField("name", m.name().value());
        raw(g, "title", m.title());
        raw(g, "description", m.description());
        raw(g, "isTemporary", m.isTemporary());
        g.writeStringField("visibility", m.visibility().wire());
        raw(g, "queueMode", m.queueMode());
        raw(g, "currentSource", m.currentSource());
        raw(g, "users", m.users());
    }

    private static void raw(JsonGenerator g, String name, RawJson value) throws IOException {
        g.writeFieldName(name);
        g.writeRawValue(value.text());
    }

    /** The shared JSON factory, configured with the protocol's parsing limits. */
    public static JsonFactory jsonFactory() {
        return FACTORY;
    }

    @FunctionalInterface
    private interface PayloadWriter {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] write(String type, PayloadWriter payload) {
        ByteArrayBuilder out = new ByteArrayBuilder(128);
        try (JsonGenerator g = FACTORY.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("type", type);
            g.writeObjectFieldStart("payload");
            payload.write(g);
            g.writeEndObject();
            g.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Convenience for tests and logs: the UTF-8 text of an encoded message. */
    public static String text(byte[] encoded) {
        return new String(encoded, StandardCharsets.UTF_8);
    }

}
