package org.ottbalancer.balancer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Loading from files in the forms the spec's examples (§6, §7.3) use. Environment layering is in {@link EnvOverridesTest}. */
class ConfigLoaderTest {
    @TempDir
    Path dir;

    private BalancerConfig load(String toml) throws IOException {
        Path file = dir.resolve("balancer.toml");
        Files.writeString(file, toml, StandardCharsets.UTF_8);
        return ConfigLoader.load(file, Map.of());
    }

    @Test
    void missingFileMeansDefaults() {
        assertEquals(BalancerConfig.defaults(), ConfigLoader.load(dir.resolve("absent.toml"), Map.of()));
    }

    @Test
    void emptyFileMeansDefaults() throws IOException {
        assertEquals(BalancerConfig.defaults(), load(""));
    }

    @Test
    void topLevelKeys() throws IOException {
        BalancerConfig c = load("port = 9000\nregion = \"ewr\"\napi_key = \"secret\"\n");
        assertEquals(9000, c.port());
        assertEquals("ewr", c.region());
        assertEquals(Optional.of("secret"), c.apiKey());
    }

    @Test
    void portZeroIsAcceptedForAnEphemeralListenPort() throws IOException {
        assertEquals(0, load("port = 0").port());
    }

    @Test
    void productionFlyExample() throws IOException {
        BalancerConfig c = load("""
                [selection_strategy]
                strategy = "HashRing"
                [discovery]
                method = "fly"
                fly_app = "ott-prod"
                service_port = 3002
                """);
        assertEquals(new SelectionStrategyConfig.HashRing(1), c.selectionStrategy());
        assertEquals(new DiscoveryConfig.Fly("ott-prod", 3002, Duration.ofSeconds(5)), c.discovery());
    }

    @Test
    void stagingFlyExample() throws IOException {
        BalancerConfig c = load("""
                [selection_strategy]
                strategy = "MinRooms"
                [discovery]
                method = "fly"
                fly_app = "ott-staging"
                service_port = 3002
                """);
        assertEquals(new SelectionStrategyConfig.MinRooms(), c.selectionStrategy());
        assertEquals(new DiscoveryConfig.Fly("ott-staging", 3002, Duration.ofSeconds(5)), c.discovery());
    }

    @Test
    void dockerComposeDnsExample() throws IOException {
        BalancerConfig c = load("""
                [discovery]
                method = "dns"
                service_port = 3002
                query = "opentogethertube"
                """);
        assertEquals(new DiscoveryConfig.Dns("opentogethertube", 3002, Optional.empty(), Duration.ofSeconds(5)), c.discovery());
        assertEquals(new SelectionStrategyConfig.MinRooms(), c.selectionStrategy());
    }

    @Test
    void manualExampleWithIpAndHostName() throws IOException {
        BalancerConfig c = load("""
                [discovery]
                method = "manual"
                monoliths = [ { host = "127.0.0.1", port = 3002 }, { host = "ott-1.internal", port = 3002 } ]
                """);
        assertEquals(new DiscoveryConfig.Manual(List.of(
                new DiscoveryConfig.HostPort("127.0.0.1", 3002),
                new DiscoveryConfig.HostPort("ott-1.internal", 3002))), c.discovery());
    }

    @Test
    void manualMonolithsAsArrayOfTables() throws IOException {
        BalancerConfig c = load("""
                [discovery]
                method = "manual"
                [[discovery.monoliths]]
                host = "::1"
                port = 3002
                """);
        assertEquals(new DiscoveryConfig.Manual(List.of(new DiscoveryConfig.HostPort("::1", 3002))), c.discovery());
    }

    @Test
    void manualWithEmptyListIsAllowed() throws IOException {
        assertEquals(new DiscoveryConfig.Manual(List.of()), load("[discovery]\nmethod = \"manual\"\nmonoliths = []\n").discovery());
    }

    @Test
    void dnsExampleWithServerAndInterval() throws IOException {
        BalancerConfig c = load("""
                [discovery]
                method = "dns"
                query = "opentogethertube"     # A-record name (e.g. docker-compose service)
                service_port = 3002            # monolith balancing port
                dns_server = "10.0.0.2"        # optional
                polling_interval = "5s"        # optional humantime string, default 5s
                """);
        assertEquals(new DiscoveryConfig.Dns("opentogethertube", 3002,
                Optional.of(new InetSocketAddress("10.0.0.2", 53)), Duration.ofSeconds(5)), c.discovery());
    }

    @Test
    void dnsServerWithPortAndIpv6() throws IOException {
        DiscoveryConfig.Dns v4 = (DiscoveryConfig.Dns) load(
                "[discovery]\nmethod=\"dns\"\nquery=\"q\"\nservice_port=3002\ndns_server=\"10.0.0.2:5353\"\n").discovery();
        assertEquals(Optional.of(new InetSocketAddress("10.0.0.2", 5353)), v4.dnsServer());
        DiscoveryConfig.Dns v6 = (DiscoveryConfig.Dns) load(
                "[discovery]\nmethod=\"dns\"\nquery=\"q\"\nservice_port=3002\ndns_server=\"[::1]:53\"\n").discovery();
        assertEquals(Optional.of(new InetSocketAddress("::1", 53)), v6.dnsServer());
    }

    @Test
    void flyExampleWithInterval() throws IOException {
        BalancerConfig c = load("""
                [discovery]
                method = "fly"
                fly_app = "ott-prod"
                service_port = 3002
                polling_interval = "1m 30s"
                """);
        assertEquals(new DiscoveryConfig.Fly("ott-prod", 3002, Duration.ofSeconds(90)), c.discovery());
    }

    @Test
    void harnessExample() throws IOException {
        assertEquals(new DiscoveryConfig.Harness(12345), load("[discovery]\nmethod = \"harness\"\nport = 12345\n").discovery());
    }

    @Test
    void fileDiscoveryDefaultsToOneSecondPolling() throws IOException {
        assertEquals(new DiscoveryConfig.File(Path.of("/etc/ott/registry.json"), Duration.ofSeconds(1)),
                load("[discovery]\nmethod = \"file\"\npath = \"/etc/ott/registry.json\"\n").discovery());
    }

    @Test
    void fileDiscoveryWithInterval() throws IOException {
        assertEquals(new DiscoveryConfig.File(Path.of("registry.json"), Duration.ofMillis(250)),
                load("[discovery]\nmethod = \"file\"\npath = \"registry.json\"\npolling_interval = \"250ms\"\n").discovery());
    }

    @Test
    void randomStrategy() throws IOException {
        assertEquals(new SelectionStrategyConfig.Random(), load("selection_strategy = { strategy = \"Random\" }").selectionStrategy());
    }

    @Test
    void hashRingWithoutWeightGetsOneNodeNotTheBuiltInFive() throws IOException {
        SelectionStrategyConfig.HashRing s = (SelectionStrategyConfig.HashRing)
                load("[selection_strategy]\nstrategy = \"HashRing\"\n").selectionStrategy();
        assertEquals(1, s.weight());
    }

    @Test
    void hashRingWeightZeroIsClampedToOne() throws IOException {
        assertEquals(new SelectionStrategyConfig.HashRing(1),
                load("[selection_strategy]\nstrategy = \"HashRing\"\nweight = 0\n").selectionStrategy());
    }

    @Test
    void hashRingExplicitWeightIsKept() throws IOException {
        SelectionStrategyConfig.HashRing s = (SelectionStrategyConfig.HashRing)
                load("[selection_strategy]\nstrategy = \"HashRing\"\nweight = 5\n").selectionStrategy();
        assertEquals(5, s.weight());
    }

    @Test
    void limitsKeysOverrideOnlyWhatTheyName() throws IOException {
        BalancerConfig c = load("""
                [limits]
                max_frame_bytes = 65536
                client_queue_frames = 50
                client_queue_bytes = 1_000_000
                monolith_send_timeout = "2s"
                idle_timeout = "0s"
                proxy_response_timeout = "1m"
                """);
        Limits d = Limits.defaults();
        Limits l = c.limits();
        assertEquals(65536, l.maxFrameBytes());
        assertEquals(50, l.clientQueueFrames());
        assertEquals(1_000_000L, l.clientQueueBytes());
        assertEquals(Duration.ofSeconds(2), l.monolithSendTimeout());
        assertEquals(Duration.ZERO, l.idleTimeout());
        assertEquals(Duration.ofMinutes(1), l.proxyResponseTimeout());
        assertEquals(d.maxHttpBodyBytes(), l.maxHttpBodyBytes());
        assertEquals(d.authTimeout(), l.authTimeout());
        assertEquals(d.reconnectDelay(), l.reconnectDelay());
    }

    @Test
    void everyLimitsKeyIsRead() throws IOException {
        Limits l = load("""
                [limits]
                max_frame_bytes = 1
                max_http_body_bytes = 2
                client_queue_frames = 3
                client_queue_bytes = 4
                monolith_queue_bytes = 5
                monolith_send_timeout = "6s"
                http_handshake_timeout = "7s"
                auth_timeout = "8s"
                monolith_init_timeout = "9s"
                reconnect_delay = "10s"
                reconnect_max_delay = "11s"
                proxy_connect_timeout = "12s"
                proxy_response_timeout = "13s"
                idle_timeout = "14s"
                """).limits();
        assertEquals(new Limits(1, 2, 3, 4, 5, Duration.ofSeconds(6), Duration.ofSeconds(7), Duration.ofSeconds(8),
                Duration.ofSeconds(9), Duration.ofSeconds(10), Duration.ofSeconds(11), Duration.ofSeconds(12),
                Duration.ofSeconds(13), Duration.ofSeconds(14)), l);
    }

    @Test
    void unknownKeysAreIgnoredWithAWarning() throws IOException {
        Path file = dir.resolve("balancer.toml");
        Files.writeString(file, "colour = \"blue\"\n[discovery]\nmethod = \"harness\"\nport = 1\nspeed = 3\n");
        ConfigLoader.Loaded loaded = ConfigLoader.loadWithWarnings(file, Map.of());
        assertEquals(new DiscoveryConfig.Harness(1), loaded.config().discovery());
        assertTrue(loaded.warnings().stream().anyMatch(w -> w.contains("colour")), loaded.warnings().toString());
        assertTrue(loaded.warnings().stream().anyMatch(w -> w.contains("discovery.speed")), loaded.warnings().toString());
    }
}
