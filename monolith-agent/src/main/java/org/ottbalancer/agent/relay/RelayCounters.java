package org.ottbalancer.agent.relay;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/** Frames and bytes relayed, by direction ({@code to_monolith}, {@code to_balancer}). */
public final class RelayCounters {
    private final Counter framesToMonolith;
    private final Counter bytesToMonolith;
    private final Counter framesToBalancer;
    private final Counter bytesToBalancer;

    public RelayCounters(MeterRegistry registry) {
        framesToMonolith = frames(registry, "to_monolith");
        bytesToMonolith = bytes(registry, "to_monolith");
        framesToBalancer = frames(registry, "to_balancer");
        bytesToBalancer = bytes(registry, "to_balancer");
    }

    private static Counter frames(MeterRegistry registry, String direction) {
        return Counter.builder("agent_relay_frames").description("WebSocket data frames relayed")
                .tag("direction", direction).register(registry);
    }

    private static Counter bytes(MeterRegistry registry, String direction) {
        return Counter.builder("agent_relay_bytes").description("payload bytes of relayed data frames")
                .baseUnit("bytes").tag("direction", direction).register(registry);
    }

    void toMonolith(int bytes) {
        framesToMonolith.increment();
        bytesToMonolith.increment(bytes);
    }

    void toBalancer(int bytes) {
        framesToBalancer.increment();
        bytesToBalancer.increment(bytes);
    }
}
