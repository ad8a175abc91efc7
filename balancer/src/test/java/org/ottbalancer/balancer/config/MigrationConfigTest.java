package org.ottbalancer.balancer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code migration} key: a mode string or a table of mode and bounds; {@code auto} by default. */
class MigrationConfigTest {
    @TempDir
    Path dir;

    private MigrationConfig load(String toml) throws IOException {
        Path file = dir.resolve("balancer.toml");
        Files.writeString(file, toml, StandardCharsets.UTF_8);
        return ConfigLoader.load(file, Map.of()).migration();
    }

    @Test
    void withoutAMigrationKeyTheModeIsAuto() throws IOException {
        assertEquals(MigrationConfig.defaults(), load("port = 9000\n"));
        assertEquals(MigrationConfig.Mode.AUTO, MigrationConfig.defaults().mode());
    }

    @Test
    void modeStringSelectsReconnect() throws IOException {
        assertEquals(MigrationConfig.defaults().withMode(MigrationConfig.Mode.RECONNECT), load("migration = \"reconnect\"\n"));
    }

    @Test
    void modeStringSelectsLive() throws IOException {
        assertEquals(MigrationConfig.Mode.LIVE, load("migration = \"live\"\n").mode());
    }

    @Test
    void tableWithOnlyAModeKeepsTheDefaultBounds() throws IOException {
        assertEquals(MigrationConfig.defaults().withMode(MigrationConfig.Mode.LIVE), load("[migration]\nmode = \"live\"\n"));
    }

    @Test
    void tableSetsEveryBound() throws IOException {
        MigrationConfig c = load("""
                [migration]
                mode = "auto"
                buffer_frames = 16
                buffer_bytes = 65536
                timeout = "750ms"
                max_freeze = "20s"
                """);
        assertEquals(new MigrationConfig(MigrationConfig.Mode.AUTO, 16, 65536, Duration.ofMillis(750), Duration.ofSeconds(20)), c);
    }

    @Test
    void tableWithoutAModeKeepsAuto() throws IOException {
        assertEquals(MigrationConfig.Mode.AUTO, load("[migration]\nbuffer_frames = 8\n").mode());
    }

    @Test
    void unknownModeIsAConfigErrorNamingTheKeyAndTheChoices() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("migration = \"teleport\"\n"));
        assertTrue(e.getMessage().contains("migration"), e.getMessage());
        assertTrue(e.getMessage().contains("teleport"), e.getMessage());
        assertTrue(e.getMessage().contains("reconnect"), e.getMessage());
    }

    @Test
    void unknownModeInTheTableIsAConfigError() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("[migration]\nmode = \"Live\"\n"));
        assertTrue(e.getMessage().contains("mode"), e.getMessage());
    }

    @Test
    void zeroBufferFramesIsAConfigError() {
        assertThrows(ConfigException.class, () -> load("[migration]\nbuffer_frames = 0\n"));
    }

    @Test
    void zeroTimeoutIsAConfigError() {
        assertThrows(ConfigException.class, () -> load("[migration]\ntimeout = \"0s\"\n"));
    }

    @Test
    void liveModeMigratesEveryMonolith() {
        MigrationConfig live = MigrationConfig.defaults().withMode(MigrationConfig.Mode.LIVE);
        assertTrue(live.migrates(false));
        assertTrue(live.migrates(true));
    }

    @Test
    void autoModeMigratesOnlyMonolithsWithAnAgent() {
        MigrationConfig auto = MigrationConfig.defaults();
        assertFalse(auto.migrates(false));
        assertTrue(auto.migrates(true));
    }

    @Test
    void reconnectModeMigratesNothing() {
        MigrationConfig reconnect = MigrationConfig.defaults().withMode(MigrationConfig.Mode.RECONNECT);
        assertFalse(reconnect.migrates(false));
        assertFalse(reconnect.migrates(true));
    }
}
