package org.ottbalancer.bench.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import org.ottbalancer.bench.load.Launch;
import org.ottbalancer.bench.load.LatencySummary;
import org.ottbalancer.bench.load.Pacer;
import org.ottbalancer.bench.load.Payloads;
import org.ottbalancer.bench.load.Swarm;
import org.ottbalancer.bench.target.HostOptions;
import org.ottbalancer.bench.target.RunningTarget;
import org.ottbalancer.bench.target.TargetKind;

/**
 * Relay latency: N clients each send {@code echo} messages (targeted back to the sender by the
 * monolith) at a fixed total rate; the round trip client, proxy, monolith, proxy, client is
 * measured from the timestamp in the payload.
 */
public final class RelayScenario implements Scenario {
    private static final String PREFIX = "relay";
    private final ScenarioContext ctx;

    public RelayScenario(ScenarioContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String id() {
        return "relay";
    }

    @Override
    public ObjectNode settings() {
        ObjectNode s = Json.object();
        s.put("clients", ctx.profile().relayClients());
        s.put("rooms", ctx.profile().relayRooms());
        s.put("rate_per_second", ctx.profile().relayRate());
        s.put("payload_bytes", ctx.profile().payloadBytes());
        s.put("warmup", (ctx.profile().warmupSeconds() / 2.0) + " s at a quarter of the rate, then "
                + ctx.profile().warmupSeconds() + " s at the full rate");
        s.put("measure_seconds", ctx.profile().measureSeconds());
        s.put("monoliths", ctx.profile().monoliths());
        return s;
    }

    @Override
    public ObjectNode run(TargetKind kind) throws Exception {
        int rooms = ctx.profile().relayRooms();
        HostOptions options = HostOptions.stored(ctx.profile().monoliths(), PREFIX, rooms);
        if (kind == TargetKind.BALANCER && ctx.jfr()) {
            options = options.withBalancerJvmArgs(ctx.jfrOptions(ctx.jfrFile(id())));
        }
        ObjectNode out = Json.object();
        try (RunningTarget target = ctx.start(id(), kind, options);
             Swarm swarm = new Swarm(ctx.profile().swarmThreads(), 8)) {
            String token = target.grantToken();
            ClientTally tally = new ClientTally();
            Launch.Result launch = Launch.run(swarm, ctx.profile().relayClients(),
                    i -> new Launch.Spec(target.webSocket(PREFIX + (i % rooms), i % rooms), PREFIX + (i % rooms)),
                    token, tally, 500, 60_000);
            out.put("clients_joined", launch.joined().size());
            out.put("join_failures", launch.failed());
            if (launch.firstFailure() != null) {
                out.put("first_join_failure", launch.firstFailure());
            }
            if (launch.joined().isEmpty()) {
                throw new IllegalStateException("no client could join: " + launch.firstFailure());
            }
            // Warm the JIT of every process at a quarter of the rate first: a cold JVM hit with the full
            // rate at once builds a backlog that would be measured as latency long after the warm-up.
            try (Pacer gentle = new Pacer(launch.joined(), ctx.profile().relayRate() / 4.0,
                    Payloads.echo(ctx.profile().payloadBytes()))) {
                Thread.sleep(ctx.profile().warmupSeconds() * 1000L / 2);
            }
            try (Pacer pacer = new Pacer(launch.joined(), ctx.profile().relayRate(),
                    Payloads.echo(ctx.profile().payloadBytes()))) {
                Thread.sleep(ctx.profile().warmupSeconds() * 1000L);
                tally.reset();
                long sent0 = pacer.sent();
                CpuMeter cpu = new CpuMeter(target);
                Instant from = Instant.now();
                long t0 = System.nanoTime();
                Thread.sleep(ctx.profile().measureSeconds() * 1000L);
                double seconds = (System.nanoTime() - t0) / 1e9;
                long received = tally.echoes.sum();
                long sent = pacer.sent() - sent0;
                LatencySummary latency = LatencySummary.of(tally.echoLatency.interval());
                out.set("cpu", cpu.stop());
                out.put("window_from", from.toString());
                out.put("window_to", Instant.now().toString());
                Json.number(out, "offered_per_second", sent / seconds);
                Json.number(out, "achieved_per_second", received / seconds);
                out.set("round_trip", Json.latency(latency));
            }
            out.put("unexpected_closes", tally.unexpectedCloses());
            out.set("closes_by_code", tally.closesJson());
            tally.expectCloses();
            Swarm.closeAll(launch.joined());
        }
        return out;
    }

}
