package org.ottbalancer.monolith.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.ottbalancer.protocol.UnloadReason;

/**
 * The monolith's Prometheus metrics. Each monolith has its own registry so that several of them in
 * one JVM (tests, the local demo) report separately.
 */
public final class MonolithMetrics {
    /** Client type labels, as OTT names them. */
    public static final String BALANCER_CLIENT = "balancer.js";
    public static final String DIRECT_CLIENT = "direct";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicLong rooms = new AtomicLong();
    private final AtomicLong users = new AtomicLong();
    private final AtomicLong balancerLinks = new AtomicLong();
    private final Map<String, AtomicLong> clientsByType = new ConcurrentHashMap<>();
    private final Counter saves;
    private final Counter saveFailures;
    private final Counter loads;
    private final Map<UnloadReason, Counter> unloads = new ConcurrentHashMap<>();

    public MonolithMetrics() {
        Gauge.builder("ott_rooms_loaded", rooms, AtomicLong::get).description("rooms held in memory").register(registry);
        Gauge.builder("ott_room_users", users, AtomicLong::get).description("users in loaded rooms").register(registry);
        Gauge.builder("ott_balancer_connections", balancerLinks, AtomicLong::get)
                .description("balancer links that completed the handshake").register(registry);
        for (String type : new String[] {BALANCER_CLIENT, DIRECT_CLIENT}) {
            AtomicLong n = new AtomicLong();
            clientsByType.put(type, n);
            Gauge.builder("ott_clients_connected", n, AtomicLong::get).tag("clientType", type)
                    .description("clients that joined a room").register(registry);
        }
        saves = Counter.builder("ott_room_saves").description("room states written to the store").register(registry);
        saveFailures = Counter.builder("ott_room_save_failures").description("room saves the store rejected").register(registry);
        loads = Counter.builder("ott_room_loads").description("rooms added to memory (created or loaded)").register(registry);
        for (UnloadReason r : UnloadReason.values()) {
            unloads.put(r, Counter.builder("ott_room_unloads").tag("reason", r.name())
                    .description("rooms dropped from memory").register(registry));
        }
    }

    public MeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every meter. */
    public String scrape() {
        return registry.scrape();
    }

    public void roomsLoaded(int count) {
        rooms.set(count);
    }

    public void roomAdded() {
        loads.increment();
    }

    public void roomUnloaded(UnloadReason reason) {
        unloads.get(reason).increment();
    }

    public void clientJoined(String clientType) {
        users.incrementAndGet();
        clientsByType.computeIfAbsent(clientType, t -> new AtomicLong()).incrementAndGet();
    }

    public void clientGone(String clientType) {
        users.decrementAndGet();
        clientsByType.computeIfAbsent(clientType, t -> new AtomicLong()).decrementAndGet();
    }

    public void balancerLinks(int count) {
        balancerLinks.set(count);
    }

    public void saved() {
        saves.increment();
    }

    public void saveFailed() {
        saveFailures.increment();
    }

    public double saveCount() {
        return saves.count();
    }

    public double unloadCount(UnloadReason reason) {
        return unloads.get(reason).count();
    }
}
