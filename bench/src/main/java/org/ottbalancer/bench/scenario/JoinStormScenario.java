package org.ottbalancer.bench.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.HdrHistogram.Histogram;
import org.ottbalancer.bench.load.Launch;
import org.ottbalancer.bench.load.LatencySummary;
import org.ottbalancer.bench.load.Swarm;
import org.ottbalancer.bench.target.HostOptions;
import org.ottbalancer.bench.target.RunningTarget;
import org.ottbalancer.bench.target.TargetKind;

/**
 * Join storm: K clients connect, upgrade, authenticate and wait for their {@code you} message all
 * at once (bounded by a number of joins in flight, as a reconnect wave through a real network
 * would be). Rooms hold ten clients each and are loaded from the store by their first join.
 * A smaller wave into other rooms warms every process up first.
 */
public final class JoinStormScenario implements Scenario {
    private static final String PREFIX = "join";
    private static final int CLIENTS_PER_ROOM = 10;
    private final ScenarioContext ctx;

    public JoinStormScenario(ScenarioContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String id() {
        return "join";
    }

    @Override
    public ObjectNode settings() {
        ObjectNode s = Json.object();
        s.put("clients", ctx.profile().joinClients());
        s.put("clients_per_room", CLIENTS_PER_ROOM);
        s.put("joins_in_flight", ctx.profile().joinConcurrency());
        s.put("warmup_clients", warmupClients());
        s.put("monoliths", ctx.profile().monoliths());
        return s;
    }

    private int warmupClients() {
        // Enough joins for the JIT to compile the join path of every process before the storm.
        return Math.max(CLIENTS_PER_ROOM, Math.min(3000, ctx.profile().joinClients() / 3));
    }

    @Override
    public ObjectNode run(TargetKind kind) throws Exception {
        int k = ctx.profile().joinClients();
        int rooms = (k + CLIENTS_PER_ROOM - 1) / CLIENTS_PER_ROOM;
        int warmRooms = (warmupClients() + CLIENTS_PER_ROOM - 1) / CLIENTS_PER_ROOM;
        ObjectNode out = Json.object();
        try (RunningTarget target = ctx.start(id(), kind,
                HostOptions.stored(ctx.profile().monoliths(), PREFIX, rooms + warmRooms));
             Swarm swarm = new Swarm(ctx.profile().swarmThreads(), 8)) {
            String token = target.grantToken();
            ClientTally tally = new ClientTally();
            tally.expectCloses();
            Launch.Result warm = Launch.run(swarm, warmupClients(), i -> spec(target, rooms + i % warmRooms), token, tally,
                    ctx.profile().joinConcurrency(), 60_000);
            Swarm.closeAll(warm.joined());
            Thread.sleep(1000);

            CpuMeter cpu = new CpuMeter(target);
            Launch.Result storm = Launch.run(swarm, k, i -> spec(target, i / CLIENTS_PER_ROOM), token, tally,
                    ctx.profile().joinConcurrency(), 120_000);
            out.set("cpu", cpu.stop());
            Histogram times = storm.joinTimes();
            out.put("joined", storm.joined().size());
            out.put("failed", storm.failed());
            if (storm.firstFailure() != null) {
                out.put("first_failure", storm.firstFailure());
            }
            Json.number(out, "seconds", storm.elapsedNanos() / 1e9);
            Json.number(out, "joins_per_second", storm.joinsPerSecond());
            out.set("join_time", Json.latency(LatencySummary.of(times)));
            Swarm.closeAll(storm.joined());
        }
        return out;
    }

    private static Launch.Spec spec(RunningTarget target, int room) {
        return new Launch.Spec(target.webSocket(PREFIX + room, room), PREFIX + room);
    }
}
