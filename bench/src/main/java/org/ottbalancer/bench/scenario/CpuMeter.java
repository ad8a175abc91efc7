package org.ottbalancer.bench.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ottbalancer.bench.proc.ProcFs;
import org.ottbalancer.bench.target.RunningTarget;

/**
 * CPU spent during a measurement window by the monoliths, the proxy and the load generator, and
 * how busy the whole machine was (including softirq time, where loopback TCP is processed and which
 * no process is charged for). On a two-core machine they all compete, so this explains the figures.
 */
public final class CpuMeter {
    private final RunningTarget target;
    private final long startNanos;
    private final double host0;
    private final double proxy0;
    private final double self0;
    private final long[] machine0;

    public CpuMeter(RunningTarget target) {
        this.target = target;
        this.startNanos = System.nanoTime();
        this.host0 = target.host().cpuSeconds();
        this.proxy0 = target.proxy() == null ? 0 : target.proxy().cpuSeconds();
        this.self0 = ProcFs.cpuSeconds(ProcessHandle.current().pid());
        this.machine0 = ProcFs.machineTicks();
    }

    /** Cores used on average by each process over the window (1.0 = one core busy). */
    public ObjectNode stop() {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        ObjectNode n = Json.object();
        Json.number(n, "monoliths_cores", (target.host().cpuSeconds() - host0) / seconds);
        if (target.proxy() != null) {
            Json.number(n, "proxy_cores", (target.proxy().cpuSeconds() - proxy0) / seconds);
        }
        Json.number(n, "load_generator_cores", (ProcFs.cpuSeconds(ProcessHandle.current().pid()) - self0) / seconds);
        long[] machine1 = ProcFs.machineTicks();
        long total = machine1[0] - machine0[0];
        if (machine0[0] > 0 && total > 0) {
            // Loopback networking runs largely in softirq context, which no process is charged for.
            Json.number(n, "machine_busy_percent", 100.0 * (total - (machine1[1] - machine0[1])) / total);
            Json.number(n, "softirq_cores", (machine1[2] - machine0[2]) / ProcFs.TICKS_PER_SECOND / seconds);
        }
        return n;
    }
}
