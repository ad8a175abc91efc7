package org.ottbalancer.agent.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentCommandLineTest {

    @Test
    void defaultsMatchTheDocumentedPorts() {
        AgentConfig c = AgentCommandLine.parse(List.of(), Map.of());
        assertEquals(3003, c.linkPort());
        assertEquals(9090, c.httpPort());
        assertEquals(9091, c.prestopPort());
        assertEquals("127.0.0.1:3002", c.monolithEndpoint());
        assertEquals(Duration.ofSeconds(7), c.settle());
        assertEquals(Duration.ofSeconds(120), c.drainDeadline());
        assertEquals(16, c.drainConcurrency());
        assertEquals(16 * 1024 * 1024, c.maxFrameBytes());
        assertEquals(Optional.empty(), c.drainToken());
        assertTrue(c.drainOnShutdown());
    }

    @Test
    void environmentVariablesSetValuesAndFlagsOverrideThem() {
        AgentConfig c = AgentCommandLine.parse(List.of("--link-port", "4000", "--save-delay=2s"),
                Map.of("AGENT_LINK_PORT", "3500", "AGENT_HTTP_PORT", "9500", "AGENT_MONOLITH", "monolith:3100",
                        "AGENT_SAVE_DELAY", "9s", "AGENT_SETTLE_MARGIN", "500ms", "AGENT_DRAIN_TOKEN", "tok",
                        "AGENT_DRAIN_ON_SHUTDOWN", "false"));
        assertEquals(4000, c.linkPort());
        assertEquals(9500, c.httpPort());
        assertEquals("monolith:3100", c.monolithEndpoint());
        assertEquals(Duration.ofMillis(2500), c.settle());
        assertEquals(Optional.of("tok"), c.drainToken());
        assertFalse(c.drainOnShutdown());
    }

    @Test
    void theTokenFileWinsOverTheTokenVariable(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("token");
        Files.writeString(file, "from-file\n");
        AgentConfig c = AgentCommandLine.parse(List.of("--drain-token-file", file.toString()),
                Map.of("AGENT_DRAIN_TOKEN", "from-env"));
        assertEquals(Optional.of("from-file"), c.drainToken());
        assertFalse(c.toString().contains("from-file"), "the token is never printed");
    }

    @Test
    void ipv6MonolithAddressesAreBracketed() {
        AgentConfig c = AgentCommandLine.parse(List.of("--monolith", "[::1]:3002"), Map.of());
        assertEquals("::1", c.monolithHost());
        assertEquals("[::1]:3002", c.monolithEndpoint());
    }

    @Test
    void badValuesAreReportedWithTheirFlag() {
        assertTrue(assertThrows(ConfigException.class, () -> AgentCommandLine.parse(List.of("--link-port", "x"), Map.of()))
                .getMessage().contains("--link-port"));
        assertTrue(assertThrows(ConfigException.class, () -> AgentCommandLine.parse(List.of("--save-delay", "soon"), Map.of()))
                .getMessage().contains("--save-delay"));
        assertTrue(assertThrows(ConfigException.class, () -> AgentCommandLine.parse(List.of("--bogus"), Map.of()))
                .getMessage().contains("--bogus"));
        assertTrue(assertThrows(ConfigException.class,
                () -> AgentCommandLine.parse(List.of("--drain-token-file", "/nonexistent/token"), Map.of()))
                .getMessage().contains("/nonexistent/token"));
        assertThrows(ConfigException.class, () -> AgentCommandLine.parse(List.of("--drain-concurrency", "0"), Map.of()));
    }

    @Test
    void loadSignalDefaultsToTheLinkAndOttsEventLoopLagGauge() {
        AgentConfig c = AgentCommandLine.parse(List.of(), Map.of());
        assertEquals(LoadSignal.LINK, c.loadSignal());
        assertEquals(URI.create("http://127.0.0.1:3000/metrics"), c.monolithMetricsUrl());
        assertEquals("nodejs_eventloop_lag_seconds", c.loadMetric());
    }

    @Test
    void loadSignalSettingsComeFromTheEnvironmentAndFlags() {
        AgentConfig c = AgentCommandLine.parse(List.of("--load-metric", "ott_lag_seconds"),
                Map.of("AGENT_LOAD_SIGNAL", "metrics", "AGENT_MONOLITH_METRICS_URL", "http://127.0.0.1:8080/metrics",
                        "AGENT_LOAD_METRIC", "ignored_seconds"));
        assertEquals(LoadSignal.METRICS, c.loadSignal());
        assertEquals(URI.create("http://127.0.0.1:8080/metrics"), c.monolithMetricsUrl());
        assertEquals("ott_lag_seconds", c.loadMetric());
    }

    @Test
    void badLoadSignalSettingsAreReportedWithTheirFlag() {
        assertTrue(assertThrows(ConfigException.class,
                () -> AgentCommandLine.parse(List.of("--load-signal", "cpu"), Map.of())).getMessage()
                .contains("--load-signal"));
        assertTrue(assertThrows(ConfigException.class,
                () -> AgentCommandLine.parse(List.of("--monolith-metrics-url", "127.0.0.1:3000"), Map.of())).getMessage()
                .contains("--monolith-metrics-url"));
        assertTrue(assertThrows(ConfigException.class,
                () -> AgentCommandLine.parse(List.of("--monolith-metrics-url", "ftp://ott/metrics"), Map.of()))
                .getMessage().contains("must be an http(s) URL"));
        assertTrue(assertThrows(ConfigException.class,
                () -> AgentCommandLine.parse(List.of("--load-metric", "event loop lag"), Map.of())).getMessage()
                .contains("load metric"));
    }

    @Test
    void usageListsEveryVariable() {
        String usage = AgentCommandLine.usage();
        for (String env : new String[] {"AGENT_LINK_PORT", "AGENT_HTTP_PORT", "AGENT_PRESTOP_PORT", "AGENT_MONOLITH",
            "AGENT_DRAIN_TOKEN", "AGENT_DRAIN_TOKEN_FILE", "AGENT_SAVE_DELAY", "AGENT_LOAD_SIGNAL", "AGENT_MONOLITH_METRICS_URL", "AGENT_LOAD_METRIC"}) {
            assertTrue(usage.contains(env), env);
        }
    }

    @Test
    void preStopListenerBindsLoopbackUnlessAnAddressIsGiven() {
        assertEquals("127.0.0.1", AgentCommandLine.parse(List.of(), Map.of()).prestopBindAddress());
        assertEquals("127.0.0.9", AgentCommandLine.parse(List.of(), Map.of("AGENT_PRESTOP_BIND", "127.0.0.9")).prestopBindAddress());
        assertEquals("127.0.0.8", AgentCommandLine.parse(List.of("--prestop-bind", "127.0.0.8"),
                Map.of("AGENT_PRESTOP_BIND", "127.0.0.9")).prestopBindAddress());
    }
}
