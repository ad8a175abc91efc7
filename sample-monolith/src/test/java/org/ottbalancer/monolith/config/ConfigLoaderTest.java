package org.ottbalancer.monolith.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigLoaderTest {

    @Test
    void defaultsAreOtts() {
        MonolithConfig c = ConfigLoader.load(new String[0], Map.of()).config();
        assertEquals(MonolithConfig.defaults(), c);
        assertEquals(3000, c.httpPort());
        assertEquals(3002, c.balancingPort());
        assertEquals("unknown", c.region());
        assertEquals(Duration.ofSeconds(5), c.saveDelay());
        assertEquals(Duration.ofSeconds(20), c.gossipInterval());
        assertEquals(Duration.ofSeconds(60), c.keepaliveTimeout());
    }

    @Test
    void environmentSetsPortsRegionStoreAndTimings() {
        MonolithConfig c = ConfigLoader.load(new String[0], Map.of("PORT", "8080", "BALANCING_PORT", "0",
                "BALANCING_REGION", "ewr", "REDIS_URL", "redis://10.0.0.1:6379", "SAVE_DELAY", "250ms",
                "FLUSH_ON_UNLOAD", "true", "GOSSIP_INTERVAL", "2s")).config();
        assertEquals(8080, c.httpPort());
        assertEquals(0, c.balancingPort());
        assertEquals("ewr", c.region());
        assertEquals("redis://10.0.0.1:6379", c.store());
        assertEquals(Duration.ofMillis(250), c.saveDelay());
        assertTrue(c.flushOnUnload());
        assertEquals(Duration.ofSeconds(2), c.gossipInterval());
    }

    @Test
    void flyRegionOverridesBalancingRegion() {
        MonolithConfig c = ConfigLoader.load(new String[0], Map.of("BALANCING_REGION", "ewr", "FLY_REGION", "ams")).config();
        assertEquals("ams", c.region());
    }

    @Test
    void flagsWinOverTheEnvironment() {
        MonolithConfig c = ConfigLoader.load(new String[] {"--port=9000", "--region", "syd", "--bench", "--keepalive-timeout", "1500"},
                Map.of("PORT", "8080", "BALANCING_REGION", "ewr")).config();
        assertEquals(9000, c.httpPort());
        assertEquals("syd", c.region());
        assertTrue(c.bench());
        assertEquals(Duration.ofMillis(1500), c.keepaliveTimeout());
    }

    @Test
    void helpIsRecognisedAndListsEveryEnvironmentVariable() {
        assertTrue(ConfigLoader.load(new String[] {"--help"}, Map.of()).helpRequested());
        String help = ConfigLoader.help();
        for (String env : new String[] {"PORT", "BALANCING_PORT", "BALANCING_REGION", "REDIS_URL", "SAVE_DELAY",
                "FLUSH_ON_UNLOAD", "GOSSIP_INTERVAL"}) {
            assertTrue(help.contains(env), env);
        }
    }

    @Test
    void badInputIsRejectedWithAClearMessage() {
        var e = assertThrows(ConfigLoader.ConfigException.class,
                () -> ConfigLoader.load(new String[] {"--port", "70000"}, Map.of()));
        assertTrue(e.getMessage().contains("0-65535"), e.getMessage());
        assertThrows(ConfigLoader.ConfigException.class, () -> ConfigLoader.load(new String[] {"--nope"}, Map.of()));
        assertThrows(ConfigLoader.ConfigException.class, () -> ConfigLoader.load(new String[] {"--save-delay", "soon"}, Map.of()));
        assertThrows(ConfigLoader.ConfigException.class, () -> ConfigLoader.load(new String[] {"--store", "mysql://x"}, Map.of()));
        assertThrows(ConfigLoader.ConfigException.class, () -> ConfigLoader.load(new String[] {"--port"}, Map.of()));
    }
}
