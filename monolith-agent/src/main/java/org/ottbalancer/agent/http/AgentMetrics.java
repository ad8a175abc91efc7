package org.ottbalancer.agent.http;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.function.Supplier;
import org.ottbalancer.agent.drain.DrainCoordinator;
import org.ottbalancer.agent.relay.BalancerLinks;
import org.ottbalancer.agent.tracking.LoadSource;
import org.ottbalancer.agent.tracking.RoomTracker;
import org.ottbalancer.agent.tracking.TrackerSnapshot;
import org.ottbalancer.protocol.registry.MonolithState;

/**
 * The agent's Prometheus registry. Relay and drain counters register themselves on it; the gauges
 * here read the tracker and the drain at scrape time.
 */
public final class AgentMetrics {
    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** Registers the gauges once the parts they read exist. */
    public void bind(RoomTracker tracker, BalancerLinks links, DrainCoordinator drain, Readiness readiness,
            LoadSource loadSource) {
        Supplier<TrackerSnapshot> snap = () -> tracker.snapshot(System.nanoTime());
        Gauge.builder("agent_balancer_links", links, BalancerLinks::count)
                .description("balancer links relayed to the monolith").register(registry);
        Gauge.builder("agent_rooms", tracker, t -> t.heldRooms().size())
                .description("rooms the monolith holds").register(registry);
        Gauge.builder("agent_users", snap, s -> s.get().users())
                .description("clients in the monolith's rooms").register(registry);
        Gauge.builder("agent_client_messages_per_second", snap, s -> s.get().messagesPerSecond())
                .description("client messages per second over the last minute").register(registry);
        Gauge.builder("agent_load", snap, s -> loadSource.score(s.get()))
                .description("load score: users + 4 x rooms + 0.05 x client messages per second"
                        + " (+ 1000 x the monolith's event-loop lag in seconds with --load-signal metrics)")
                .register(registry);
        Gauge.builder("agent_load_signal_fallback", loadSource, l -> l.fallingBack() ? 1 : 0)
                .description("1 while --load-signal metrics is set but the monolith's lag is unavailable,"
                        + " so agent_load is the link score alone").register(registry);
        Gauge.builder("agent_draining", drain, d -> d.state() == MonolithState.DRAINING ? 1 : 0)
                .description("1 once a drain was asked for").register(registry);
        Gauge.builder("agent_drain_rooms_remaining", drain, d -> d.report().roomsRemaining())
                .description("rooms left to move by the current or last drain").register(registry);
        Gauge.builder("agent_drain_progress_rooms_moved", drain, d -> d.report().roomsMoved())
                .description("rooms moved by the current or last drain").register(registry);
        Gauge.builder("agent_monolith_reachable", readiness, r -> r.monolithReachable() ? 1 : 0)
                .description("1 while the monolith's balancing port accepts connections").register(registry);
    }

    public String scrape() {
        return registry.scrape();
    }
}
