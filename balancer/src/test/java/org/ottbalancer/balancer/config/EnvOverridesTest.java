package org.ottbalancer.balancer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code BALANCER_*} and {@code FLY_REGION} layered over the file (spec §7.1). */
class EnvOverridesTest {
    @TempDir
    Path dir;

    private BalancerConfig withoutFile(Map<String, String> env) {
        return ConfigLoader.load(dir.resolve("absent.toml"), env);
    }

    private BalancerConfig withFile(String toml, Map<String, String> env) throws IOException {
        Path file = dir.resolve("balancer.toml");
        Files.writeString(file, toml);
        return ConfigLoader.load(file, env);
    }

    @Test
    void portIsAnInteger() {
        assertEquals(8082, withoutFile(Map.of("BALANCER_PORT", "8082")).port());
    }

    @Test
    void bareWordIsAString() {
        assertEquals("ewr", withoutFile(Map.of("BALANCER_REGION", "ewr")).region());
    }

    @Test
    void quotedStringIsUnquoted() {
        assertEquals("ewr", withoutFile(Map.of("BALANCER_REGION", "\"ewr\"")).region());
    }

    @Test
    void apiKeyThatIsNotATomlValueIsAPlainString() {
        assertEquals(Optional.of("secret"), withoutFile(Map.of("BALANCER_API_KEY", "secret")).apiKey());
        assertEquals(Optional.of("a b#c"), withoutFile(Map.of("BALANCER_API_KEY", "a b#c")).apiKey());
    }

    @Test
    void apiKeyThatLooksLikeANumberKeepsItsSpelling() {
        assertEquals(Optional.of("0x10"), withoutFile(Map.of("BALANCER_API_KEY", "0x10")).apiKey());
        assertEquals(Optional.of("1e3"), withoutFile(Map.of("BALANCER_API_KEY", "1e3")).apiKey());
    }

    @Test
    void discoveryInlineTable() {
        assertEquals(new DiscoveryConfig.Harness(40000),
                withoutFile(Map.of("BALANCER_DISCOVERY", "{method=\"harness\", port=40000}")).discovery());
    }

    @Test
    void selectionStrategyInlineTable() {
        assertEquals(new SelectionStrategyConfig.HashRing(5),
                withoutFile(Map.of("BALANCER_SELECTION_STRATEGY", "{strategy=\"HashRing\", weight=5}")).selectionStrategy());
    }

    @Test
    void limitsInlineTable() {
        Limits l = withoutFile(Map.of("BALANCER_LIMITS", "{max_frame_bytes = 4096, auth_timeout = \"3s\"}")).limits();
        assertEquals(4096, l.maxFrameBytes());
        assertEquals(Duration.ofSeconds(3), l.authTimeout());
    }

    @Test
    void environmentOverridesTheFile() throws IOException {
        BalancerConfig c = withFile("port = 9000\nregion = \"iad\"\n", Map.of("BALANCER_PORT", "9001"));
        assertEquals(9001, c.port());
        assertEquals("iad", c.region());
    }

    @Test
    void tablesFromTheEnvironmentMergeKeyByKeyIntoTheFilesTables() throws IOException {
        BalancerConfig c = withFile("""
                [discovery]
                method = "dns"
                query = "opentogethertube"
                service_port = 3002
                """, Map.of("BALANCER_DISCOVERY", "{polling_interval=\"10s\"}"));
        assertEquals(new DiscoveryConfig.Dns("opentogethertube", 3002, Optional.empty(), Duration.ofSeconds(10)), c.discovery());
    }

    @Test
    void environmentCanSwitchTheDiscoveryMethod() throws IOException {
        BalancerConfig c = withFile("[discovery]\nmethod = \"fly\"\nfly_app = \"ott-prod\"\nservice_port = 3002\n",
                Map.of("BALANCER_DISCOVERY", "{method=\"harness\", port=40000}"));
        assertEquals(new DiscoveryConfig.Harness(40000), c.discovery());
    }

    @Test
    void prefixAndKeyAreCaseInsensitive() {
        assertEquals(8083, withoutFile(Map.of("balancer_Port", "8083")).port());
    }

    @Test
    void unknownVariableIsIgnoredWithAWarning() {
        ConfigLoader.Loaded loaded = ConfigLoader.loadWithWarnings(dir.resolve("absent.toml"), Map.of("BALANCER_FOO", "1"));
        assertEquals(BalancerConfig.defaults(), loaded.config());
        assertTrue(loaded.warnings().stream().anyMatch(w -> w.contains("BALANCER_FOO")), loaded.warnings().toString());
    }

    @Test
    void unrelatedVariablesAreNotLookedAt() {
        assertEquals(BalancerConfig.defaults(), withoutFile(Map.of("PORT", "1", "REGION", "x", "BALANCER_", "y")));
    }

    @Test
    void valueSpanningLinesIsAPlainStringNotSeveralKeys() {
        assertEquals("ewr\nport = 1", withoutFile(Map.of("BALANCER_REGION", "ewr\nport = 1")).region());
    }

    @Test
    void flyRegionOverridesTheFile() throws IOException {
        assertEquals("ord", withFile("region = \"ewr\"\n", Map.of("FLY_REGION", "ord")).region());
    }

    @Test
    void flyRegionOverridesBalancerRegion() {
        assertEquals("ord", withoutFile(Map.of("BALANCER_REGION", "ewr", "FLY_REGION", "ord")).region());
    }

    @Test
    void flyRegionNameIsMatchedInAnyCaseAndItsValueTrimmed() {
        assertEquals("ord", withoutFile(Map.of("fly_region", " ord\n")).region());
    }

    @Test
    void dottedNameSetsOneKeyOfATable() throws IOException {
        BalancerConfig c = withFile("[discovery]\nmethod = \"harness\"\nport = 1\n", Map.of("BALANCER_DISCOVERY.PORT", "40001"));
        assertEquals(new DiscoveryConfig.Harness(40001), c.discovery());
    }

    @Test
    void nameWithAnEmptySegmentIsSkipped() {
        assertEquals(BalancerConfig.defaults(), withoutFile(Map.of("BALANCER_PORT.", "1", "BALANCER_.PORT", "2")));
    }

    @Test
    void emptyApiKeyCountsAsNotSetSoRestrictedEndpointsStayClosed() {
        ConfigLoader.Loaded loaded = ConfigLoader.loadWithWarnings(dir.resolve("absent.toml"), Map.of("BALANCER_API_KEY", ""));
        assertEquals(Optional.empty(), loaded.config().apiKey());
        assertTrue(loaded.warnings().stream().anyMatch(w -> w.contains("api_key")), loaded.warnings().toString());
    }

    @Test
    void regionDefaultsToUnknownWithoutEitherVariable() {
        assertEquals("unknown", withoutFile(Map.of()).region());
    }
}
