package org.ottbalancer.balancer.observe;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.OptionalDouble;
import java.util.UUID;
import org.ottbalancer.balancer.link.LocalRoom;
import org.ottbalancer.balancer.link.MonolithLink;
import org.ottbalancer.balancer.metrics.BalancerMetrics;
import org.ottbalancer.balancer.state.BalancerState;
import org.ottbalancer.protocol.ProtocolCodec;
import org.ottbalancer.protocol.RawJson;
import org.ottbalancer.protocol.RoomMetadata;

/**
 * One JSON document that tells a person what the cluster looks like from this balancer: every
 * linked monolith (address, draining, load, whether an agent sits in front of it), the rooms it
 * holds with their users, which of those rooms are frozen for a move, and the balancer's migration
 * counters. It is what the dashboard polls; unlike upstream's {@code /api/state} it is not a
 * compatibility contract, so it can carry whatever helps watching a drain.
 *
 * <p>Monoliths are ordered by id and rooms by name, so that successive snapshots differ only
 * where the cluster changed. Reading it takes no lock: the state's collections are concurrent,
 * and a snapshot taken while a room moves simply shows one side of the move.
 */
public final class ClusterSnapshot {
    private ClusterSnapshot() {
    }

    /** The document, UTF-8 JSON. */
    public static byte[] json(BalancerState state, BalancerMetrics metrics, UUID balancerId, String region) {
        ByteArrayBuilder out = new ByteArrayBuilder(2048);
        try (JsonGenerator g = ProtocolCodec.jsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            write(g, state, metrics, balancerId, region, System.nanoTime());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    private static void write(JsonGenerator g, BalancerState state, BalancerMetrics metrics, UUID balancerId, String region,
            long nowNanos) throws IOException {
        g.writeStartObject();
        g.writeStringField("taken_at", Instant.now().toString());
        g.writeObjectFieldStart("balancer");
        g.writeStringField("id", balancerId.toString());
        g.writeStringField("region", region);
        g.writeNumberField("clients", state.clientCount());
        g.writeEndObject();
        writeMigration(g, metrics.registry());
        g.writeArrayFieldStart("monoliths");
        List<MonolithLink> links = new ArrayList<>(state.monoliths());
        links.sort(Comparator.comparing(l -> l.id().toString()));
        for (MonolithLink link : links) {
            writeMonolith(g, link, nowNanos);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeMonolith(JsonGenerator g, MonolithLink link, long nowNanos) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", link.id().toString());
        g.writeStringField("region", link.region());
        g.writeStringField("endpoint", link.endpoint());
        g.writeStringField("http", hostPort(link.host(), link.httpPort()));
        g.writeBooleanField("draining", link.draining());
        g.writeBooleanField("agent", link.agentPresent());
        OptionalDouble load = link.load();
        if (load.isPresent()) {
            g.writeNumberField("load", load.getAsDouble());
        } else {
            g.writeNullField("load");
        }
        g.writeArrayFieldStart("rooms");
        List<LocalRoom> rooms = new ArrayList<>(link.rooms().values());
        rooms.sort(Comparator.comparing(r -> r.name().value()));
        for (LocalRoom room : rooms) {
            writeRoom(g, room, nowNanos);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    private static void writeRoom(JsonGenerator g, LocalRoom room, long nowNanos) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", room.name().value());
        RoomMetadata m = room.metadata();
        String title = m == null ? null : stringValue(m.title());
        if (title != null) {
            g.writeStringField("title", title);
        } else {
            g.writeNullField("title");
        }
        if (m != null) {
            g.writeStringField("visibility", m.visibility().name().toLowerCase(java.util.Locale.ROOT));
        } else {
            g.writeNullField("visibility");
        }
        // The monolith's count covers every balancer; "clients" are the ones connected here.
        long users = m == null ? -1 : longValue(m.users());
        if (users >= 0) {
            g.writeNumberField("users", users);
        } else {
            g.writeNullField("users");
        }
        g.writeNumberField("clients", room.clients().size());
        long frozenSince = room.frozenSinceNanos();
        g.writeBooleanField("frozen", frozenSince != 0);
        if (frozenSince != 0) {
            g.writeNumberField("frozen_ms", Math.max(0, (nowNanos - frozenSince) / 1_000_000));
        }
        g.writeEndObject();
    }

    private static void writeMigration(JsonGenerator g, MeterRegistry registry) throws IOException {
        g.writeObjectFieldStart("migration");
        g.writeNumberField("frozen_rooms", gauge(registry, "balancer.migration.frozen.rooms"));
        g.writeNumberField("held_clients", gauge(registry, "balancer.migration.held.clients"));
        g.writeNumberField("rooms_moved", counter(registry, "balancer.migration.rooms"));
        g.writeNumberField("clients_moved", counter(registry, "balancer.migration.clients"));
        g.writeNumberField("clients_timed_out", counter(registry, "balancer.migration.timeouts"));
        g.writeNumberField("buffer_overflows", counter(registry, "balancer.migration.buffer.overflows"));
        g.writeEndObject();
    }

    private static long gauge(MeterRegistry registry, String name) {
        Gauge gauge = registry.find(name).gauge();
        return gauge == null ? 0 : Math.round(gauge.value());
    }

    private static long counter(MeterRegistry registry, String name) {
        Counter counter = registry.find(name).counter();
        return counter == null ? 0 : Math.round(counter.count());
    }

    private static String hostPort(String host, int port) {
        return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]:" + port : host + ":" + port;
    }

    /** The value of a JSON string the monolith sent, or null when it sent something else. */
    private static String stringValue(RawJson value) {
        try (JsonParser p = ProtocolCodec.jsonFactory().createParser(value.array(), value.offset(), value.length())) {
            return p.nextToken() == JsonToken.VALUE_STRING ? p.getText() : null;
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** The value of a JSON integer the monolith sent, or -1 when it sent something else. */
    private static long longValue(RawJson value) {
        try (JsonParser p = ProtocolCodec.jsonFactory().createParser(value.array(), value.offset(), value.length())) {
            return p.nextToken() == JsonToken.VALUE_NUMBER_INT ? p.getLongValue() : -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }
}
