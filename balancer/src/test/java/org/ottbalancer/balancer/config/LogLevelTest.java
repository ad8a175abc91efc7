package org.ottbalancer.balancer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class LogLevelTest {
    private String saved;

    @BeforeEach
    void remember() {
        saved = System.getProperty(LogLevel.SIMPLE_LOGGER_DEFAULT_LEVEL);
    }

    @AfterEach
    void restore() {
        if (saved == null) {
            System.clearProperty(LogLevel.SIMPLE_LOGGER_DEFAULT_LEVEL);
        } else {
            System.setProperty(LogLevel.SIMPLE_LOGGER_DEFAULT_LEVEL, saved);
        }
    }

    @Test
    void commandLineLevelSetsSlf4jSimpleDefault() {
        assertEquals("debug", LogLevel.apply("debug", Map.of()));
        assertEquals("debug", System.getProperty(LogLevel.SIMPLE_LOGGER_DEFAULT_LEVEL));
    }

    @Test
    void rustLogLevelWinsOverTheCommandLine() {
        assertEquals("trace", LogLevel.apply("info", Map.of("RUST_LOG", "trace")));
        assertEquals("trace", System.getProperty(LogLevel.SIMPLE_LOGGER_DEFAULT_LEVEL));
    }

    @Test
    void rustLogIsCaseInsensitive() {
        assertEquals("warn", LogLevel.apply("info", Map.of("RUST_LOG", "WARN")));
    }

    @Test
    void globalLevelIsTakenFromADirectiveList() {
        assertEquals("error", LogLevel.apply("info", Map.of("RUST_LOG", "ott_balancer=debug,error")));
    }

    @Test
    void rustLogWithOnlyModuleDirectivesLeavesTheCommandLineLevel() {
        assertEquals("info", LogLevel.apply("info", Map.of("RUST_LOG", "ott_balancer=debug")));
    }

    @Test
    void rustLogOffSilencesLogging() {
        assertEquals("off", LogLevel.apply("info", Map.of("RUST_LOG", "off")));
    }

    @Test
    void invalidLevelIsRefused() {
        assertThrows(ConfigException.class, () -> LogLevel.apply("loud", Map.of()));
    }
}
