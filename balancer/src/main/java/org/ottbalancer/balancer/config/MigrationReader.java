package org.ottbalancer.balancer.config;

import java.util.Set;

/**
 * Reads the {@code migration} key: either a mode string ({@code migration = "reconnect"}) or a
 * table ({@code [migration] mode = "live", buffer_frames = 512, timeout = "30s", ...}).
 */
final class MigrationReader {
    private static final Set<String> KEYS = Set.of(
            "mode", "buffer_frames", "buffer_bytes", "timeout", "max_freeze", "rejoin_grace");

    private MigrationReader() {
    }

    static MigrationConfig read(ConfigTable top, MigrationConfig defaults) {
        if (!top.has("migration")) {
            return defaults;
        }
        if (top.isString("migration")) {
            return defaults.withMode(mode(top, "migration"));
        }
        ConfigTable t = top.table("migration");
        t.warnAboutKeysOtherThan(KEYS);
        return new MigrationConfig(
                t.has("mode") ? mode(t, "mode") : defaults.mode(),
                (int) t.integer("buffer_frames", 1, Integer.MAX_VALUE, defaults.bufferFrames()),
                t.integer("buffer_bytes", 1, Long.MAX_VALUE, defaults.bufferBytes()),
                t.positiveDuration("timeout", defaults.timeout()),
                t.positiveDuration("max_freeze", defaults.maxFreeze()),
                t.duration("rejoin_grace", defaults.rejoinGrace()));
    }

    private static MigrationConfig.Mode mode(ConfigTable t, String key) {
        String text = t.requireString(key);
        try {
            return MigrationConfig.Mode.fromWire(text);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(t.path(key) + ": " + e.getMessage());
        }
    }
}
