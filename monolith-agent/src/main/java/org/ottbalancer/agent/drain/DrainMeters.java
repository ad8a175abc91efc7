package org.ottbalancer.agent.drain;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import java.time.Duration;

/** Counters and timers of drains; the gauges (state, remaining) are read from the coordinator. */
final class DrainMeters {
    private final Counter roomsMoved;
    private final Counter moveFailures;
    private final Timer freezeDuration;

    DrainMeters(MeterRegistry registry) {
        roomsMoved = Counter.builder("agent_drain_rooms_moved").description("rooms unloaded by drains")
                .register(registry);
        moveFailures = Counter.builder("agent_drain_move_failures")
                .description("room moves given up (not settled in time, no unloaded in time, or deadline) and unfrozen")
                .register(registry);
        freezeDuration = Timer.builder("agent_room_freeze").description("time rooms spent frozen")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(10))
                .maximumExpectedValue(Duration.ofMinutes(2))
                .register(registry);
    }

    void moved(Duration frozenFor) {
        roomsMoved.increment();
        freezeDuration.record(frozenFor);
    }

    void failed(Duration frozenFor) {
        moveFailures.increment();
        freezeDuration.record(frozenFor);
    }
}
