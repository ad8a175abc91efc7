package org.ottbalancer.bench.scenario;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.ottbalancer.bench.load.BenchClient;
import org.ottbalancer.bench.load.Launch;
import org.ottbalancer.bench.load.LatencySummary;
import org.ottbalancer.bench.load.Pacer;
import org.ottbalancer.bench.load.Payloads;
import org.ottbalancer.bench.load.Swarm;
import org.ottbalancer.bench.target.HostOptions;
import org.ottbalancer.bench.target.RunningTarget;
import org.ottbalancer.bench.target.TargetKind;

/**
 * Broadcast fan-out: R rooms of C clients, one sender per room sending {@code broadcast} at a
 * fixed rate; every member (the sender too) receives each one. Room sizes grow step by step on the
 * same target (clients are added to the rooms), giving deliveries per second against clients.
 */
public final class FanoutScenario implements Scenario {
    private static final String PREFIX = "fan";
    private final ScenarioContext ctx;

    public FanoutScenario(ScenarioContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String id() {
        return "fanout";
    }

    @Override
    public ObjectNode settings() {
        ObjectNode s = Json.object();
        s.put("rooms", ctx.profile().fanoutRooms());
        ArrayNode sizes = s.putArray("clients_per_room");
        ctx.profile().fanoutClientsPerRoom().forEach(sizes::add);
        s.put("broadcasts_per_second_per_room", ctx.profile().fanoutRatePerRoom());
        s.put("payload_bytes", ctx.profile().payloadBytes());
        s.put("warmup_seconds", ctx.profile().warmupSeconds());
        s.put("measure_seconds", ctx.profile().measureSeconds());
        s.put("monoliths", ctx.profile().monoliths());
        return s;
    }

    @Override
    public ObjectNode run(TargetKind kind) throws Exception {
        int rooms = ctx.profile().fanoutRooms();
        HostOptions options = HostOptions.stored(ctx.profile().monoliths(), PREFIX, rooms);
        if (kind == TargetKind.BALANCER && ctx.jfr()) {
            options = options.withBalancerJvmArgs(ctx.jfrOptions(ctx.jfrFile(id())));
        }
        ObjectNode out = Json.object();
        ArrayNode steps = out.putArray("steps");
        try (RunningTarget target = ctx.start(id(), kind, options);
             Swarm swarm = new Swarm(ctx.profile().swarmThreads(), 8)) {
            String token = target.grantToken();
            ClientTally tally = new ClientTally();
            List<BenchClient> members = new ArrayList<>();
            List<BenchClient> senders = new ArrayList<>();
            int perRoomSoFar = 0;
            for (int size : ctx.profile().fanoutClientsPerRoom()) {
                int add = size - perRoomSoFar;
                int base = perRoomSoFar;
                Launch.Result launch = Launch.run(swarm, add * rooms, i -> {
                    int room = i % rooms;
                    return new Launch.Spec(target.webSocket(PREFIX + room, room), PREFIX + room);
                }, token, tally, 500, 120_000);
                members.addAll(launch.joined());
                if (senders.isEmpty()) {
                    // One client per room sends: the first of each room that joined.
                    java.util.Map<String, BenchClient> firstOfRoom = new java.util.LinkedHashMap<>();
                    for (BenchClient c : launch.joined()) {
                        firstOfRoom.putIfAbsent(c.room(), c);
                    }
                    senders.addAll(firstOfRoom.values());
                }
                perRoomSoFar = size;
                ObjectNode step = steps.addObject();
                step.put("clients_per_room", size);
                step.put("clients", members.size());
                step.put("join_failures", launch.failed());
                if (launch.firstFailure() != null) {
                    step.put("first_join_failure", launch.firstFailure());
                }
                measure(target, tally, senders, step, base == 0);
            }
            out.put("unexpected_closes", tally.unexpectedCloses());
            out.set("closes_by_code", tally.closesJson());
            tally.expectCloses();
            Swarm.closeAll(members);
        }
        return out;
    }

    private void measure(RunningTarget target, ClientTally tally, List<BenchClient> senders, ObjectNode step, boolean first)
            throws InterruptedException {
        double rate = (double) ctx.profile().fanoutRatePerRoom() * senders.size();
        try (Pacer pacer = new Pacer(senders, rate, Payloads.broadcast(ctx.profile().payloadBytes()))) {
            // The first step also warms up the JIT; later steps only need the new clients to settle.
            Thread.sleep((first ? ctx.profile().warmupSeconds() : Math.max(2, ctx.profile().warmupSeconds() / 2)) * 1000L);
            tally.reset();
            long sent0 = pacer.sent();
            CpuMeter cpu = new CpuMeter(target);
            Instant from = Instant.now();
            long t0 = System.nanoTime();
            Thread.sleep(ctx.profile().measureSeconds() * 1000L);
            double seconds = (System.nanoTime() - t0) / 1e9;
            long delivered = tally.deliveries.sum();
            long sent = pacer.sent() - sent0;
            LatencySummary latency = LatencySummary.of(tally.deliveryLatency.interval());
            step.set("cpu", cpu.stop());
            step.put("window_from", from.toString());
            step.put("window_to", Instant.now().toString());
            Json.number(step, "broadcasts_per_second", sent / seconds);
            Json.number(step, "offered_deliveries_per_second", sent / seconds * (step.path("clients").asDouble() / senders.size()));
            Json.number(step, "deliveries_per_second", delivered / seconds);
            step.set("delivery", Json.latency(latency));
        }
        // Let queued deliveries drain before the next step adds clients.
        Thread.sleep(1000);
    }
}
