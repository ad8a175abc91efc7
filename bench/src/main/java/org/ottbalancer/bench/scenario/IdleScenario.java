package org.ottbalancer.bench.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.ottbalancer.bench.load.Launch;
import org.ottbalancer.bench.load.Swarm;
import org.ottbalancer.bench.proc.ManagedProcess;
import org.ottbalancer.bench.target.HostOptions;
import org.ottbalancer.bench.target.RunningTarget;
import org.ottbalancer.bench.target.TargetKind;

/**
 * Idle connections: N joined clients that send nothing. Resident memory (VmRSS) of the proxy
 * process (nginx: master plus workers) and of the monolith process, before and after, and for the
 * JVMs the live heap after a full GC ({@code jcmd GC.run}, then {@code GC.heap_info}).
 */
public final class IdleScenario implements Scenario {
    private static final String PREFIX = "idle";
    private static final int CLIENTS_PER_ROOM = 10;
    private static final Pattern HEAP_USED = Pattern.compile("total \\d+K, used (\\d+)K");
    private final ScenarioContext ctx;

    public IdleScenario(ScenarioContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String id() {
        return "idle";
    }

    @Override
    public ObjectNode settings() {
        ObjectNode s = Json.object();
        s.put("clients", ctx.profile().idleClients());
        s.put("clients_per_room", CLIENTS_PER_ROOM);
        s.put("fd_limit_per_process", ctx.tools().maxOpenFiles());
        s.put("balancer_jvm", "-Xmx1g, default GC (G1)");
        s.put("monoliths", ctx.profile().monoliths());
        return s;
    }

    @Override
    public ObjectNode run(TargetKind kind) throws Exception {
        int n = ctx.profile().idleClients();
        int rooms = (n + CLIENTS_PER_ROOM - 1) / CLIENTS_PER_ROOM;
        ObjectNode out = Json.object();
        try (RunningTarget target = ctx.start(id(), kind, HostOptions.stored(ctx.profile().monoliths(), PREFIX, rooms + 5));
             Swarm swarm = new Swarm(ctx.profile().swarmThreads(), 8)) {
            String token = target.grantToken();
            // A few joins first so that lazily loaded classes and pools are in the baseline, not in the per-client cost.
            ClientTally warmTally = new ClientTally();
            warmTally.expectCloses();
            Launch.Result warm = Launch.run(swarm, 50, i -> spec(target, i % 5 + rooms), token, warmTally, 50, 30_000);
            Swarm.closeAll(warm.joined());
            Thread.sleep(1000);
            ObjectNode before = snapshot(target);
            ClientTally tally = new ClientTally();
            Launch.Result launch = Launch.run(swarm, n, i -> spec(target, i / CLIENTS_PER_ROOM), token, tally,
                    ctx.profile().joinConcurrency(), 300_000);
            Thread.sleep(3000);
            ObjectNode after = snapshot(target);
            int held = (int) launch.joined().stream().filter(c -> c.isOpen()).count();
            out.put("clients_held", held);
            out.put("join_failures", launch.failed());
            if (launch.firstFailure() != null) {
                out.put("first_join_failure", launch.firstFailure());
            }
            out.set("before", before);
            out.set("after", after);
            perClient(out, "proxy_rss", before, after, held);
            perClient(out, "proxy_heap", before, after, held);
            perClient(out, "monoliths_rss", before, after, held);
            out.put("unexpected_closes", tally.unexpectedCloses());
            tally.expectCloses();
            Swarm.closeAll(launch.joined());
        }
        return out;
    }

    private static void perClient(ObjectNode out, String key, ObjectNode before, ObjectNode after, int held) {
        if (before.has(key + "_bytes") && after.has(key + "_bytes") && held > 0) {
            double delta = after.path(key + "_bytes").asDouble() - before.path(key + "_bytes").asDouble();
            Json.number(out, key + "_bytes_per_client", delta / held);
        }
    }

    private ObjectNode snapshot(RunningTarget target) throws IOException, InterruptedException {
        ObjectNode s = Json.object();
        ManagedProcess proxy = target.proxy();
        if (proxy != null) {
            if (target.kind() == TargetKind.BALANCER) {
                long heap = liveHeapBytes(proxy.pid());
                if (heap >= 0) {
                    s.put("proxy_heap_bytes", heap);
                }
            }
            s.put("proxy_rss_bytes", proxy.residentBytes());
        }
        long monolithHeap = liveHeapBytes(target.host().pid());
        if (monolithHeap >= 0) {
            s.put("monoliths_heap_bytes", monolithHeap);
        }
        s.put("monoliths_rss_bytes", target.host().residentBytes());
        return s;
    }

    /** Heap in use after a full collection, from jcmd; -1 if jcmd is missing or its output unknown. */
    private long liveHeapBytes(long pid) throws IOException, InterruptedException {
        Path jcmd = ctx.tools().java().resolveSibling("jcmd");
        if (!jcmd.toFile().canExecute()) {
            return -1;
        }
        run(jcmd.toString(), Long.toString(pid), "GC.run");
        String info = run(jcmd.toString(), Long.toString(pid), "GC.heap_info");
        Matcher m = HEAP_USED.matcher(info);
        return m.find() ? Long.parseLong(m.group(1)) * 1024 : -1;
    }

    private static String run(String... command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] out = p.getInputStream().readAllBytes();
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    private static Launch.Spec spec(RunningTarget target, int room) {
        return new Launch.Spec(target.webSocket(PREFIX + room, room), PREFIX + room);
    }
}
