package org.ottbalancer.bench.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ottbalancer.bench.target.HostOptions;
import org.ottbalancer.bench.target.Http;
import org.ottbalancer.bench.target.RunningTarget;
import org.ottbalancer.bench.target.TargetKind;

/**
 * HTTP proxying: {@code wrk} on keep-alive connections against a small JSON endpoint of the
 * monolith, {@code GET /api/room/<room>} (the room's description), which every target forwards
 * to the room's monolith (the balancer answers {@code /api/status} and {@code /api/room/list}
 * itself, so those would not measure its proxy).
 */
public final class HttpScenario implements Scenario {
    private static final String ROOM = "http0";
    private static final int WRK_THREADS = 2;
    private final ScenarioContext ctx;

    public HttpScenario(ScenarioContext ctx) {
        this.ctx = ctx;
    }

    @Override
    public String id() {
        return "http";
    }

    @Override
    public ObjectNode settings() {
        ObjectNode s = Json.object();
        s.put("tool", "wrk --latency");
        s.put("path", "/api/room/" + ROOM);
        s.put("threads", WRK_THREADS);
        s.put("connections", ctx.profile().httpConnections());
        s.put("warmup_seconds", ctx.profile().warmupSeconds());
        s.put("measure_seconds", ctx.profile().measureSeconds());
        s.put("monoliths", ctx.profile().monoliths());
        return s;
    }

    @Override
    public ObjectNode run(TargetKind kind) throws Exception {
        if (ctx.tools().wrk() == null) {
            throw new IOException("wrk is not installed (apt-get install wrk)");
        }
        HostOptions options = HostOptions.stored(ctx.profile().monoliths(), "http", 1);
        if (kind == TargetKind.BALANCER && ctx.jfr()) {
            options = options.withBalancerJvmArgs(ctx.jfrOptions(ctx.jfrFile(id())));
        }
        try (RunningTarget target = ctx.start(id(), kind, options)) {
            URI uri = target.http("/api/room/" + ROOM, 0);
            Http.Reply probe = Http.get(uri, null);
            if (probe.status() != 200) {
                throw new IOException("GET " + uri + " answered " + probe.status() + ": " + probe.body());
            }
            wrk(uri, ctx.profile().warmupSeconds());
            CpuMeter cpu = new CpuMeter(target);
            Instant from = Instant.now();
            ObjectNode out = WrkOutput.parse(wrk(uri, ctx.profile().measureSeconds()));
            out.set("cpu", cpu.stop());
            out.put("window_from", from.toString());
            out.put("window_to", Instant.now().toString());
            out.put("response_bytes", probe.body().getBytes(StandardCharsets.UTF_8).length);
            return out;
        }
    }

    private String wrk(URI uri, int seconds) throws IOException, InterruptedException {
        List<String> cmd = List.of(ctx.tools().wrk().toString(), "-t" + WRK_THREADS, "-c" + ctx.profile().httpConnections(),
                "-d" + seconds + "s", "--latency", uri.toString());
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IOException("wrk did not finish");
        }
        if (p.exitValue() != 0) {
            throw new IOException("wrk failed (" + p.exitValue() + "): " + out);
        }
        return out;
    }
}
