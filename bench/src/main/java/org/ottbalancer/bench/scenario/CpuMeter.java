package org.ottbalancer.bench.scenario;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ottbalancer.bench.proc.ProcFs;
import org.ottbalancer.bench.target.RunningTarget;

/**
 * CPU seconds spent during a measurement window by the monoliths, the proxy and the load
 * generator itself. On a two-core machine they all compete, so the split explains the figures.
 */
public final class CpuMeter {
    private final RunningTarget target;
    private final long startNanos;
    private final double host0;
    private final double proxy0;
    private final double self0;

    public CpuMeter(RunningTarget target) {
        this.target = target;
        this.startNanos = System.nanoTime();
        this.host0 = target.host().cpuSeconds();
        this.proxy0 = target.proxy() == null ? 0 : target.proxy().cpuSeconds();
        this.self0 = ProcFs.cpuSeconds(ProcessHandle.current().pid());
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
        return n;
    }
}
