package org.ottbalancer.bench.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.ottbalancer.bench.load.Launch;
import org.ottbalancer.bench.load.LatencySummary;
import org.ottbalancer.bench.load.Pacer;
import org.ottbalancer.bench.load.Payloads;
import org.ottbalancer.bench.load.Swarm;
import org.ottbalancer.bench.target.Http;
import org.ottbalancer.bench.target.HostOptions;
import org.ottbalancer.bench.target.MonolithPorts;
import org.ottbalancer.bench.target.RunningTarget;
import org.ottbalancer.bench.target.TargetKind;

/**
 * Drain under traffic (balancer only: neither nginx nor direct clients can move a room). R rooms
 * of C clients live on the first monolith, each monolith has a monolith agent in front, and the
 * clients keep sending {@code echo} while the first agent is told to drain ({@code POST /drain},
 * as an operator or a preStop hook would). Measured: how long until the monolith is empty, and
 * what the clients noticed: closes, lost echoes, the longest echo delay.
 */
public final class DrainScenario implements Scenario {
    private static final String PREFIX = "drain";
    private static final String TOKEN = "bench-drain-token";
    /** Short save delay so that settling (save delay plus margin) does not dominate the figure. */
    private static final long SAVE_DELAY_MILLIS = 500;
    private static final long SETTLE_MARGIN_MILLIS = 250;
    private static final int CONCURRENCY = 16;
    private final ScenarioContext ctx;

    public DrainScenario(ScenarioContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String id() {
        return "drain";
    }

    @Override
    public List<TargetKind> targets() {
        return List.of(TargetKind.BALANCER);
    }

    @Override
    public ObjectNode settings() {
        ObjectNode s = Json.object();
        s.put("rooms", ctx.profile().drainRooms());
        s.put("clients_per_room", ctx.profile().drainClientsPerRoom());
        s.put("echo_rate_per_second", ctx.profile().drainRate());
        s.put("save_delay_ms", SAVE_DELAY_MILLIS);
        s.put("settle_margin_ms", SETTLE_MARGIN_MILLIS);
        s.put("drain_concurrency", CONCURRENCY);
        s.put("migration_mode", "auto (default)");
        s.put("monoliths", ctx.profile().monoliths());
        return s;
    }

    @Override
    public ObjectNode run(TargetKind kind) throws Exception {
        int rooms = ctx.profile().drainRooms();
        HostOptions options = new HostOptions(ctx.profile().monoliths(), null, PREFIX + ":" + rooms, TOKEN,
                SAVE_DELAY_MILLIS, SETTLE_MARGIN_MILLIS, List.of());
        ObjectNode out = Json.object();
        try (RunningTarget target = ctx.start(id(), kind, options);
             Swarm swarm = new Swarm(ctx.profile().swarmThreads(), 8)) {
            URI state = URI.create("http://127.0.0.1:" + target.proxyPort() + "/api/state");
            Http.await(state, RunningTarget.BALANCER_API_KEY, r -> r.status() == 200 && roomCount(r.body()) >= rooms,
                    Duration.ofSeconds(30));
            String token = target.grantToken();
            ClientTally tally = new ClientTally();
            int clients = rooms * ctx.profile().drainClientsPerRoom();
            Launch.Result launch = Launch.run(swarm, clients, i -> {
                int room = i % rooms;
                return new Launch.Spec(target.webSocket(PREFIX + room, room), PREFIX + room);
            }, token, tally, 500, 60_000);
            out.put("clients_joined", launch.joined().size());
            out.put("join_failures", launch.failed());
            try (Pacer pacer = new Pacer(launch.joined(), ctx.profile().drainRate(),
                    Payloads.echo(ctx.profile().payloadBytes()))) {
                Thread.sleep(3000);
                tally.reset();
                long sent0 = pacer.sent();
                MonolithPorts first = target.monoliths().get(0);
                URI drain = URI.create("http://127.0.0.1:" + first.agentHttp() + "/drain?wait=true");
                long t0 = System.nanoTime();
                Http.Reply reply = Http.post(drain, TOKEN, "{\"concurrency\":" + CONCURRENCY + "}", Duration.ofMinutes(5));
                double seconds = (System.nanoTime() - t0) / 1e9;
                Thread.sleep(2000);
                pacer.close();
                long sent = pacer.sent() - sent0;
                // Answers still in flight arrive well within this.
                Thread.sleep(2000);
                long received = tally.echoes.sum();
                out.put("drain_http_status", reply.status());
                Json.number(out, "drain_seconds", seconds);
                JsonNode report = Json.MAPPER.readTree(reply.body());
                out.set("drain_report", report);
                out.put("echoes_sent", sent);
                out.put("echoes_received", received);
                out.put("echoes_lost", Math.max(0, sent - received));
                out.set("echo_round_trip_during_drain", Json.latency(LatencySummary.of(tally.echoLatency.interval())));
            }
            out.put("clients_closed", tally.unexpectedCloses());
            out.set("closes_by_code", tally.closesJson());
            out.set("rooms_per_monolith_after", roomsPerMonolith(Http.get(state, RunningTarget.BALANCER_API_KEY).body()));
            tally.expectCloses();
            Swarm.closeAll(launch.joined());
        }
        return out;
    }

    private static int roomCount(String stateJson) {
        try {
            int n = 0;
            for (JsonNode m : Json.MAPPER.readTree(stateJson).path("monoliths")) {
                n += m.path("rooms").size();
            }
            return n;
        } catch (IOException e) {
            return 0;
        }
    }

    private static ObjectNode roomsPerMonolith(String stateJson) throws IOException {
        ObjectNode n = Json.object();
        for (JsonNode m : Json.MAPPER.readTree(stateJson).path("monoliths")) {
            n.put(m.path("id").asText(), m.path("rooms").size());
        }
        return n;
    }
}
