package org.ottbalancer.monolith.config;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything a sample monolith needs to start. Defaults mirror the OTT server's.
 *
 * @param bindAddress address both listeners bind to
 * @param httpPort HTTP API, static page and direct client WebSockets; {@code 0} picks a free port
 * @param balancingPort WebSocket port balancers dial; {@code 0} picks a free port
 * @param region region sent to balancers in {@code init}
 * @param store {@code memory} or a {@code redis://host:port} URI (used by {@code Main} only;
 *     embedders pass a store instance)
 * @param saveDelay debounce between a room change and the save of its state
 * @param flushOnUnload save pending state before a Commanded or Shutdown unload; OTT does not
 * @param gossipInterval period of the gossip broadcast to all balancers
 * @param keepaliveTimeout how long a room may stay empty before it is unloaded
 * @param balancerInitTimeout how long a new balancer link may take to send its {@code init}
 * @param shutdownKickWait pause between kicking clients and unloading rooms at shutdown
 * @param bench benchmark mode: echo/broadcast actions only, no debounced saves
 */
public record MonolithConfig(
        String bindAddress,
        int httpPort,
        int balancingPort,
        String region,
        String store,
        Duration saveDelay,
        boolean flushOnUnload,
        Duration gossipInterval,
        Duration keepaliveTimeout,
        Duration balancerInitTimeout,
        Duration shutdownKickWait,
        boolean bench) {

    public static final int DEFAULT_HTTP_PORT = 3000;
    public static final int DEFAULT_BALANCING_PORT = 3002;

    public MonolithConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(store, "store");
        checkPort("http port", httpPort);
        checkPort("balancing port", balancingPort);
        checkPositive("save delay", saveDelay);
        checkPositive("gossip interval", gossipInterval);
        checkPositive("keepalive timeout", keepaliveTimeout);
        checkPositive("balancer init timeout", balancerInitTimeout);
        Objects.requireNonNull(shutdownKickWait, "shutdownKickWait");
        if (shutdownKickWait.isNegative()) {
            throw new IllegalArgumentException("shutdown kick wait must not be negative, got " + shutdownKickWait);
        }
    }

    /** The OTT server's defaults: ports 3000/3002, region "unknown", 5 s saves, 20 s gossip, 60 s keepalive. */
    public static MonolithConfig defaults() {
        return new MonolithConfig("0.0.0.0", DEFAULT_HTTP_PORT, DEFAULT_BALANCING_PORT, "unknown", "memory",
                Duration.ofSeconds(5), false, Duration.ofSeconds(20), Duration.ofSeconds(60), Duration.ofSeconds(10),
                Duration.ofSeconds(1), false);
    }

    /** Defaults bound to 127.0.0.1 on ephemeral ports: what tests and embedded demos want. */
    public static MonolithConfig loopbackEphemeral() {
        return defaults().withBindAddress("127.0.0.1").withHttpPort(0).withBalancingPort(0);
    }

    public MonolithConfig withBindAddress(String v) {
        return new MonolithConfig(v, httpPort, balancingPort, region, store, saveDelay, flushOnUnload, gossipInterval,
                keepaliveTimeout, balancerInitTimeout, shutdownKickWait, bench);
    }

    public MonolithConfig withHttpPort(int v) {
        return new MonolithConfig(bindAddress, v, balancingPort, region, store, saveDelay, flushOnUnload, gossipInterval,
                keepaliveTimeout, balancerInitTimeout, shutdownKickWait, bench);
    }

    public MonolithConfig withBalancingPort(int v) {
        return new MonolithConfig(bindAddress, httpPort, v, region, store, saveDelay, flushOnUnload, gossipInterval,
                keepaliveTimeout, balancerInitTimeout, shutdownKickWait, bench);
    }

    public MonolithConfig withRegion(String v) {
        return new MonolithConfig(bindAddress, httpPort, balancingPort, v, store, saveDelay, flushOnUnload, gossipInterval,
                keepaliveTimeout, balancerInitTimeout, shutdownKickWait, bench);
    }

    public MonolithConfig withStore(String v) {
        return new MonolithConfig(bindAddress, httpPort, balancingPort, region, v, saveDelay, flushOnUnload, gossipInterval,
                keepaliveTimeout, balancerInitTimeout, shutdownKickWait, bench);
    }

    public MonolithConfig withSaveDelay(Duration v) {
        return new MonolithConfig(bindAddress, httpPort, balancingPort, region, store, v, flushOnUnload, gossipInterval,
                keepaliveTimeout, balancerInitTimeout, shutdownKickWait, bench);
    }

    public MonolithConfig withFlushOnUnload(boolean v) {
        return new MonolithConfig(bindAddress, httpPort, balancingPort, region, store, saveDelay, v, gossipInterval,
                keepaliveTimeout, balancerInitTimeout, shutdownKickWait, bench);
    }

    public MonolithConfig withGossipInterval(Duration v) {
        return new MonolithConfig(bindAddress, httpPort, balancingPort, region, store, saveDelay, flushOnUnload, v,
                keepaliveTimeout, balancerInitTimeout, shutdownKickWait, bench);
    }

    public MonolithConfig withKeepaliveTimeout(Duration v) {
        return new MonolithConfig(bindAddress, httpPort, balancingPort, region, store, saveDelay, flushOnUnload,
                gossipInterval, v, balancerInitTimeout, shutdownKickWait, bench);
    }

    public MonolithConfig withBalancerInitTimeout(Duration v) {
        return new MonolithConfig(bindAddress, httpPort, balancingPort, region, store, saveDelay, flushOnUnload,
                gossipInterval, keepaliveTimeout, v, shutdownKickWait, bench);
    }

    public MonolithConfig withShutdownKickWait(Duration v) {
        return new MonolithConfig(bindAddress, httpPort, balancingPort, region, store, saveDelay, flushOnUnload,
                gossipInterval, keepaliveTimeout, balancerInitTimeout, v, bench);
    }

    public MonolithConfig withBench(boolean v) {
        return new MonolithConfig(bindAddress, httpPort, balancingPort, region, store, saveDelay, flushOnUnload,
                gossipInterval, keepaliveTimeout, balancerInitTimeout, shutdownKickWait, v);
    }

    private static void checkPort(String what, int port) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(what + " must be 0-65535, got " + port);
        }
    }

    private static void checkPositive(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
    }
}
