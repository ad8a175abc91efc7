package org.ottbalancer.balancer.discovery;

import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Optional;
import org.ottbalancer.balancer.config.DiscoveryConfig;

/**
 * {@code method = "fly"} (spec §6.4): Fly.io publishes every running instance of an app as an
 * AAAA record of {@code global.<app>.internal} on its private IPv6 network, so the monoliths are
 * those addresses on the service port. Polling and error handling are those of
 * {@link DnsDiscoverer}; the system resolver is used because Fly configures it to reach the
 * internal DNS.
 */
final class FlyDiscoverer implements Discoverer {
    private final DnsDiscoverer dns;

    FlyDiscoverer(DiscoveryConfig.Fly config, EventLoopGroup group) {
        this(config, Optional.empty(), DnsDiscoverer.ERROR_RETRY_DELAY, group);
    }

    /** With an explicit name server, for tests that cannot rely on the host's resolver. */
    FlyDiscoverer(DiscoveryConfig.Fly config, Optional<InetSocketAddress> nameServer, Duration errorRetryDelay,
            EventLoopGroup group) {
        this.dns = new DnsDiscoverer("fly", queryFor(config.flyApp()), DnsDiscoverer.RecordType.AAAA,
                config.servicePort(), nameServer, config.pollingInterval(), errorRetryDelay, group);
    }

    /** The name whose AAAA records list the app's instances. */
    static String queryFor(String flyApp) {
        if (flyApp == null || flyApp.isBlank()) {
            throw new IllegalArgumentException("fly discovery: fly_app must not be empty");
        }
        return "global." + flyApp + ".internal";
    }

    @Override
    public void start(DiscoveryListener listener) {
        dns.start(listener);
    }

    @Override
    public void close() {
        dns.close();
    }
}
