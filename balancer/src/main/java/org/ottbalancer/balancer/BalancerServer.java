package org.ottbalancer.balancer;

import java.util.UUID;
import org.ottbalancer.balancer.config.BalancerConfig;
import org.ottbalancer.balancer.discovery.Discoverer;
import org.ottbalancer.balancer.metrics.BalancerMetrics;

/** A running balancer: the client-facing server, monolith links, discovery and metrics. */
public final class BalancerServer implements AutoCloseable {

    /** Starts a balancer with the discovery its configuration names; returns once the port is bound. */
    public static BalancerServer start(BalancerConfig config) throws InterruptedException {
        throw new UnsupportedOperationException("being written");
    }

    /** Starts a balancer that takes its monolith list from {@code discoverer} (tests use this). */
    public static BalancerServer start(BalancerConfig config, Discoverer discoverer) throws InterruptedException {
        throw new UnsupportedOperationException("being written");
    }

    /** The bound client port (useful when the configured port was 0). */
    public int port() {
        throw new UnsupportedOperationException("being written");
    }

    public UUID id() {
        throw new UnsupportedOperationException("being written");
    }

    public BalancerMetrics metrics() {
        throw new UnsupportedOperationException("being written");
    }

    @Override
    public void close() {
    }
}
