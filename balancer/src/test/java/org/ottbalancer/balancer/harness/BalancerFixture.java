package org.ottbalancer.balancer.harness;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.ottbalancer.balancer.BalancerServer;
import org.ottbalancer.balancer.config.BalancerConfig;
import org.ottbalancer.balancer.config.Limits;
import org.ottbalancer.protocol.registry.MonolithEntry;

/**
 * JUnit 5 extension that starts balancers (port 0, a {@link TestDiscoverer}, shortened timeouts, an
 * API key) and mock peers, and closes everything it started after each test.
 *
 * <pre>{@code
 * @RegisterExtension final BalancerFixture fx = new BalancerFixture();
 * ...
 * RunningBalancer b = fx.balancer();
 * MockMonolith m = fx.monolith();
 * b.connect(m);
 * }</pre>
 */
public final class BalancerFixture implements AfterEachCallback {
    public static final String API_KEY = "test-api-key";
    /** How long tests wait for something that should happen. */
    public static final Duration WAIT = Duration.ofSeconds(5);
    /** How long tests watch for something that should not happen. */
    public static final Duration QUIET = Duration.ofMillis(300);

    private final Deque<AutoCloseable> started = new ArrayDeque<>();

    /** The configuration every fixture balancer starts from. */
    public static BalancerConfig baseConfig() {
        return BalancerConfig.defaults().withPort(0).withApiKey(API_KEY).withLimits(fastLimits());
    }

    public static Limits fastLimits() {
        return TestLimits.fast().build();
    }

    public RunningBalancer balancer() {
        return balancer(UnaryOperator.identity());
    }

    /** Starts a balancer with {@link #baseConfig()} changed by {@code customise}. */
    public RunningBalancer balancer(UnaryOperator<BalancerConfig> customise) {
        BalancerConfig config = customise.apply(baseConfig());
        TestDiscoverer discoverer = new TestDiscoverer();
        BalancerServer server;
        try {
            server = BalancerServer.start(config, discoverer);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while starting the balancer", e);
        }
        return track(new RunningBalancer(server, config, discoverer, this));
    }

    /**
     * Starts a balancer that discovers monoliths the way its configuration says (for example
     * {@code DiscoveryConfig.Harness}); its {@link RunningBalancer#discoverer()} is not connected to it.
     */
    public RunningBalancer balancerUsingConfiguredDiscovery(UnaryOperator<BalancerConfig> customise) {
        BalancerConfig config = customise.apply(baseConfig());
        BalancerServer server;
        try {
            server = BalancerServer.start(config);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while starting the balancer", e);
        }
        return track(new RunningBalancer(server, config, new TestDiscoverer(), this));
    }

    /** A TCP port on {@code [::1]} that was free a moment ago. */
    public static int freeIpv6LoopbackPort() {
        try (java.net.ServerSocket s = new java.net.ServerSocket()) {
            s.bind(new java.net.InetSocketAddress("::1", 0));
            return s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new AssertionError("cannot find a free port on [::1]", e);
        }
    }

    public MockMonolith monolith() {
        return track(MockMonolith.start());
    }

    public MockMonolith monolith(MockMonolith.Options options) {
        return track(MockMonolith.start(options));
    }

    /** Closes {@code resource} after the test (in reverse order of tracking). */
    public synchronized <T extends AutoCloseable> T track(T resource) {
        started.push(resource);
        return resource;
    }

    /** A discovery entry for a port nothing listens on. */
    public static MonolithEntry unreachable(int port) {
        return MonolithEntry.active("127.0.0.1", port);
    }

    @Override
    public void afterEach(ExtensionContext context) throws Exception {
        Exception first = null;
        while (true) {
            AutoCloseable next;
            synchronized (this) {
                next = started.poll();
            }
            if (next == null) {
                break;
            }
            try {
                next.close();
            } catch (Exception e) {
                if (first == null) {
                    first = e;
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
