package org.ottbalancer.balancer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of invalid configuration is a {@link ConfigException} whose message names the key. */
class ConfigErrorsTest {
    @TempDir
    Path dir;

    private String errorFor(String toml) throws IOException {
        Path file = dir.resolve("balancer.toml");
        Files.writeString(file, toml);
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of())).getMessage();
    }

    private String errorForEnv(Map<String, String> env) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(dir.resolve("absent.toml"), env)).getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "\"" + message + "\" should mention " + part);
        }
    }

    @Test
    void harnessPortGivenAsWordFromTheEnvironment() {
        assertEquals("discovery.port: expected an integer in 1..65535, got \"abc\"",
                errorForEnv(Map.of("BALANCER_DISCOVERY", "{method=\"harness\", port=\"abc\"}")));
    }

    @Test
    void topLevelPortOutOfRange() throws IOException {
        assertEquals("port: expected an integer in 0..65535, got 70000", errorFor("port = 70000"));
        assertEquals("port: expected an integer in 0..65535, got -1", errorFor("port = -1"));
    }

    @Test
    void topLevelPortFromTheEnvironmentThatIsNotANumber() {
        assertEquals("port: expected an integer in 0..65535, got \"eighty\"", errorForEnv(Map.of("BALANCER_PORT", "eighty")));
    }

    @Test
    void floatWhereAnIntegerBelongs() throws IOException {
        assertEquals("port: expected an integer in 0..65535, got the float 8081", errorFor("port = 8081.0"));
    }

    @Test
    void hugeIntegerIsOutOfRangeNotAnOverflow() throws IOException {
        assertMentions(errorFor("port = 99999999999999999999999"), "port: expected an integer in 0..65535");
    }

    @Test
    void regionThatIsNotAString() throws IOException {
        assertEquals("region: expected a string, got 5", errorFor("region = 5"));
    }

    @Test
    void apiKeyThatIsNotAString() throws IOException {
        assertEquals("api_key: expected a string, got true", errorFor("api_key = true"));
    }

    @Test
    void discoveryThatIsNotATable() throws IOException {
        assertEquals("discovery: expected a table, got \"manual\"", errorFor("discovery = \"manual\""));
    }

    @Test
    void unknownDiscoveryMethod() throws IOException {
        assertEquals("discovery.method: unknown discovery method \"foo\" (expected manual, dns, fly, harness, file or kubernetes)",
                errorFor("[discovery]\nmethod = \"foo\"\n"));
    }

    @Test
    void discoveryMethodIsCaseSensitive() throws IOException {
        assertMentions(errorFor("[discovery]\nmethod = \"DNS\"\n"), "unknown discovery method \"DNS\"");
    }

    @Test
    void discoveryWithoutMethod() throws IOException {
        assertMentions(errorFor("[discovery]\nport = 1\n"), "discovery.method: missing");
    }

    @Test
    void manualWithoutMonoliths() throws IOException {
        assertMentions(errorFor("[discovery]\nmethod = \"manual\"\n"), "discovery.monoliths: missing");
    }

    @Test
    void manualMonolithWithEmptyHost() throws IOException {
        assertEquals("discovery.monoliths[1].host: must not be empty",
                errorFor("[discovery]\nmethod = \"manual\"\nmonoliths = [{host=\"a\", port=1}, {host=\"\", port=2}]\n"));
    }

    @Test
    void manualMonolithWithoutPort() throws IOException {
        assertMentions(errorFor("[discovery]\nmethod = \"manual\"\nmonoliths = [{host=\"a\"}]\n"), "discovery.monoliths[0].port: missing");
    }

    @Test
    void manualMonolithsThatAreNotTables() throws IOException {
        assertEquals("discovery.monoliths[0]: expected a table, got \"127.0.0.1:3002\"",
                errorFor("[discovery]\nmethod = \"manual\"\nmonoliths = [\"127.0.0.1:3002\"]\n"));
    }

    @Test
    void dnsWithoutQuery() throws IOException {
        assertMentions(errorFor("[discovery]\nmethod = \"dns\"\nservice_port = 3002\n"), "discovery.query: missing");
    }

    @Test
    void dnsWithoutServicePort() throws IOException {
        assertMentions(errorFor("[discovery]\nmethod = \"dns\"\nquery = \"q\"\n"), "discovery.service_port: missing");
    }

    @Test
    void dnsServerThatIsAHostName() throws IOException {
        assertMentions(errorFor("[discovery]\nmethod = \"dns\"\nquery = \"q\"\nservice_port = 3002\ndns_server = \"dns.local\"\n"),
                "discovery.dns_server:", "\"dns.local\"");
    }

    @Test
    void pollingIntervalThatIsNotADuration() throws IOException {
        assertEquals("discovery.polling_interval: invalid duration \"soon\": expected a number at \"soon\"",
                errorFor("[discovery]\nmethod = \"fly\"\nfly_app = \"a\"\nservice_port = 3002\npolling_interval = \"soon\"\n"));
    }

    @Test
    void pollingIntervalGivenAsNumber() throws IOException {
        assertEquals("discovery.polling_interval: expected a duration string such as \"5s\", got 5",
                errorFor("[discovery]\nmethod = \"fly\"\nfly_app = \"a\"\nservice_port = 3002\npolling_interval = 5\n"));
    }

    @Test
    void zeroPollingIntervalIsRefused() throws IOException {
        assertEquals("discovery.polling_interval: must be longer than zero",
                errorFor("[discovery]\nmethod = \"file\"\npath = \"r.json\"\npolling_interval = \"0s\"\n"));
    }

    @Test
    void flyWithoutApp() throws IOException {
        assertMentions(errorFor("[discovery]\nmethod = \"fly\"\nservice_port = 3002\n"), "discovery.fly_app: missing");
    }

    @Test
    void harnessPortZero() throws IOException {
        assertEquals("discovery.port: expected an integer in 1..65535, got 0", errorFor("[discovery]\nmethod = \"harness\"\nport = 0\n"));
    }

    @Test
    void fileWithoutPath() throws IOException {
        assertMentions(errorFor("[discovery]\nmethod = \"file\"\n"), "discovery.path: missing");
    }

    @Test
    void unknownSelectionStrategy() throws IOException {
        assertEquals("selection_strategy.strategy: unknown selection strategy \"LeastUsers\" (expected MinRooms, HashRing, Random or BoundedLoad)",
                errorFor("[selection_strategy]\nstrategy = \"LeastUsers\"\n"));
    }

    @Test
    void selectionStrategyTableWithoutStrategy() throws IOException {
        assertMentions(errorFor("[selection_strategy]\nweight = 3\n"), "selection_strategy.strategy: missing");
    }

    @Test
    void negativeHashRingWeight() throws IOException {
        assertMentions(errorFor("[selection_strategy]\nstrategy = \"HashRing\"\nweight = -1\n"), "selection_strategy.weight: expected an integer in 0..");
    }

    @Test
    void hashRingWeightTooLargeToBuildARing() throws IOException {
        assertMentions(errorFor("[selection_strategy]\nstrategy = \"HashRing\"\nweight = 4294967295\n"), "selection_strategy.weight:");
    }

    @Test
    void nonPositiveLimit() throws IOException {
        assertEquals("limits.max_frame_bytes: expected an integer in 1..2147483647, got 0", errorFor("[limits]\nmax_frame_bytes = 0\n"));
    }

    @Test
    void limitThatDoesNotFitAnInt() throws IOException {
        assertMentions(errorFor("[limits]\nclient_queue_frames = 3000000000\n"), "limits.client_queue_frames: expected an integer in 1..");
    }

    @Test
    void byteSizeGivenAsString() throws IOException {
        assertEquals("limits.client_queue_bytes: expected an integer in 1..9223372036854775807, got \"4MiB\"",
                errorFor("[limits]\nclient_queue_bytes = \"4MiB\"\n"));
    }

    @Test
    void zeroTimeoutIsRefused() throws IOException {
        assertEquals("limits.auth_timeout: must be longer than zero", errorFor("[limits]\nauth_timeout = \"0s\"\n"));
    }

    @Test
    void reconnectMaxDelayShorterThanReconnectDelay() throws IOException {
        assertMentions(errorFor("[limits]\nreconnect_delay = \"10s\"\nreconnect_max_delay = \"5s\"\n"),
                "limits.reconnect_max_delay: must not be shorter than limits.reconnect_delay");
    }

    @Test
    void tomlSyntaxErrorNamesTheFile() throws IOException {
        assertMentions(errorFor("port = = 1\n"), "balancer.toml", "invalid TOML");
    }

    @Test
    void duplicateKeyIsATomlError() throws IOException {
        assertMentions(errorFor("port = 1\nport = 2\n"), "invalid TOML");
    }

    @Test
    void fileThatIsNotUtf8() throws IOException {
        Path file = dir.resolve("balancer.toml");
        Files.write(file, new byte[] {'p', 'o', 'r', 't', '=', '"', (byte) 0xff, '"'});
        assertMentions(assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of())).getMessage(), "UTF-8");
    }

    @Test
    void configPathThatIsADirectory() {
        assertMentions(assertThrows(ConfigException.class, () -> ConfigLoader.load(dir, Map.of())).getMessage(),
                "cannot read the configuration file");
    }
}
