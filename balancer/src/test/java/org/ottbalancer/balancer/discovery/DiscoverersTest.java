package org.ottbalancer.balancer.discovery;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ottbalancer.balancer.config.DiscoveryConfig;

class DiscoverersTest {
    private static EventLoopGroup group;

    @BeforeAll
    static void startGroup() {
        group = EventLoops.newGroup();
    }

    @AfterAll
    static void stopGroup() {
        EventLoops.shutdown(group);
    }

    @Test
    void eachMethodGetsItsDiscoverer() {
        Duration poll = Duration.ofSeconds(5);
        assertInstanceOf(ManualDiscoverer.class, Discoverers.create(new DiscoveryConfig.Manual(List.of()), group));
        assertInstanceOf(DnsDiscoverer.class,
                Discoverers.create(new DiscoveryConfig.Dns("ott", 3002, Optional.empty(), poll), group));
        assertInstanceOf(FlyDiscoverer.class, Discoverers.create(new DiscoveryConfig.Fly("ott-prod", 3002, poll), group));
        assertInstanceOf(HarnessDiscoverer.class, Discoverers.create(new DiscoveryConfig.Harness(12345), group));
        assertInstanceOf(FileDiscoverer.class,
                Discoverers.create(new DiscoveryConfig.File(Path.of("registry.json"), poll), group));
    }

    @Test
    void dnsServerGivenAsUnresolvedNameIsRejectedWithTheReason() {
        DiscoveryConfig config = new DiscoveryConfig.Dns("ott", 3002,
                Optional.of(InetSocketAddress.createUnresolved("dns.example", 53)), Duration.ofSeconds(5));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Discoverers.create(config, group));

        assertTrue(e.getMessage().contains("dns_server must be an IP address"), e.getMessage());
    }

    @Test
    void servicePortOutOfRangeIsRejectedWithTheReason() {
        DiscoveryConfig config = new DiscoveryConfig.Fly("ott-prod", 0, Duration.ofSeconds(5));

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Discoverers.create(config, group));

        assertTrue(e.getMessage().contains("service_port 0"), e.getMessage());
    }

    @Test
    void zeroPollingIntervalIsRejectedWithTheReason() {
        DiscoveryConfig config = new DiscoveryConfig.Dns("ott", 3002, Optional.empty(), Duration.ZERO);

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Discoverers.create(config, group));

        assertTrue(e.getMessage().contains("polling_interval must be positive"), e.getMessage());
    }
}
