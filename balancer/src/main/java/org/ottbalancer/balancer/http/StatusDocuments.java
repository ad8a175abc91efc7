package org.ottbalancer.balancer.http;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.ottbalancer.balancer.client.ClientSession;
import org.ottbalancer.balancer.link.LocalRoom;
import org.ottbalancer.balancer.link.MonolithLink;
import org.ottbalancer.balancer.routing.RoomLocator;
import org.ottbalancer.balancer.state.BalancerState;
import org.ottbalancer.protocol.ProtocolCodec;
import org.ottbalancer.protocol.RawJson;
import org.ottbalancer.protocol.RoomMetadata;
import org.ottbalancer.protocol.RoomName;
import org.ottbalancer.protocol.Visibility;

/** The documents the balancer serves about itself: room list, state and the balancing dump. */
final class StatusDocuments {
    /** Upstream aims the public room list at about 50 entries; we cap it there exactly. */
    static final int ROOM_LIST_LIMIT = 50;

    private StatusDocuments() {
    }

    /**
     * Public rooms from the metadata monoliths reported, without asking any monolith. Ordered like
     * the monolith's own list (most users first, then by name) and capped at
     * {@value #ROOM_LIST_LIMIT}; each object carries {@code name} once (upstream repeats it).
     */
    static byte[] roomList(BalancerState state) {
        List<RoomMetadata> rooms = new ArrayList<>();
        for (MonolithLink link : state.monoliths()) {
            for (LocalRoom room : link.rooms().values()) {
                RoomMetadata m = room.metadata();
                if (m != null && m.visibility() == Visibility.PUBLIC) {
                    rooms.add(m);
                }
            }
        }
        rooms.sort(Comparator.comparingLong((RoomMetadata m) -> -users(m.users())).thenComparing(RoomMetadata::name));
        return json(g -> {
            g.writeStartArray();
            for (RoomMetadata m : rooms.subList(0, Math.min(ROOM_LIST_LIMIT, rooms.size()))) {
                ProtocolCodec.writeMetadata(g, m);
            }
            g.writeEndArray();
        });
    }

    private static long users(RawJson value) {
        try (JsonParser p = ProtocolCodec.jsonFactory().createParser(value.array(), value.offset(), value.length())) {
            return p.nextToken() == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : 0;
        } catch (IOException | RuntimeException e) {
            return 0;
        }
    }

    /** {@code BalancerState}: this balancer, its monoliths, their rooms and this balancer's clients in them. */
    static byte[] state(BalancerState state, UUID balancerId, String region) {
        return json(g -> {
            g.writeStartObject();
            g.writeStringField("id", balancerId.toString());
            g.writeStringField("region", region);
            g.writeArrayFieldStart("monoliths");
            for (MonolithLink link : state.monoliths()) {
                g.writeStartObject();
                g.writeStringField("id", link.id().toString());
                g.writeStringField("region", link.region());
                g.writeArrayFieldStart("rooms");
                for (LocalRoom room : link.rooms().values()) {
                    g.writeStartObject();
                    g.writeStringField("name", room.name().value());
                    g.writeArrayFieldStart("clients");
                    for (ClientSession c : room.clients()) {
                        g.writeStartObject();
                        g.writeStringField("id", c.id().toString());
                        g.writeStringField("edge_region", c.edgeRegion());
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    /** The human-readable dump of {@code /api/balancing} (not a contract). */
    static String balancing(BalancerState state) {
        Map<String, List<String>> byRegion = new TreeMap<>();
        for (MonolithLink link : state.monoliths()) {
            byRegion.computeIfAbsent(link.region(), r -> new ArrayList<>())
                    .add(link.id() + (link.draining() ? " (draining)" : ""));
        }
        Map<String, String> mappings = new TreeMap<>();
        for (Map.Entry<RoomName, RoomLocator> e : state.roomMappings().entrySet()) {
            mappings.put(e.getKey().value(), e.getValue().monolith() + " epoch " + e.getValue().epoch());
        }
        return "monoliths: " + state.monoliths().size() + "\n"
                + "clients: " + state.clientCount() + "\n"
                + "room mappings: " + mappings + "\n"
                + "region mappings: " + byRegion + "\n";
    }

    @FunctionalInterface
    private interface Writer {
        void write(JsonGenerator g) throws IOException;
    }

    private static byte[] json(Writer w) {
        ByteArrayBuilder out = new ByteArrayBuilder(1024);
        try (JsonGenerator g = ProtocolCodec.jsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            w.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }
}
