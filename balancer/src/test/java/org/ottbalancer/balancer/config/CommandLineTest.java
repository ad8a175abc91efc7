package org.ottbalancer.balancer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class CommandLineTest {

    @Test
    void noArgumentsGiveUpstreamDefaults() {
        CommandLine c = CommandLine.parse();
        assertEquals(Path.of("balancer.toml"), c.configPath());
        assertEquals("info", c.logLevel());
        assertFalse(c.validate());
        assertFalse(c.help());
        assertFalse(c.version());
    }

    @Test
    void longOptionsWithSeparateValues() {
        CommandLine c = CommandLine.parse("--config-path", "/etc/ott/balancer.toml", "--log-level", "debug", "--validate");
        assertEquals(Path.of("/etc/ott/balancer.toml"), c.configPath());
        assertEquals("debug", c.logLevel());
        assertTrue(c.validate());
    }

    @Test
    void longOptionsWithEqualsSign() {
        CommandLine c = CommandLine.parse("--config-path=x.toml", "--log-level=warn");
        assertEquals(Path.of("x.toml"), c.configPath());
        assertEquals("warn", c.logLevel());
    }

    @Test
    void shortOptions() {
        CommandLine c = CommandLine.parse("-c", "x.toml", "-l", "trace", "-v");
        assertEquals(Path.of("x.toml"), c.configPath());
        assertEquals("trace", c.logLevel());
        assertTrue(c.validate());
    }

    @Test
    void shortOptionWithAttachedValue() {
        assertEquals(Path.of("x.toml"), CommandLine.parse("-cx.toml").configPath());
        assertEquals(Path.of("x.toml"), CommandLine.parse("-c=x.toml").configPath());
        assertEquals("error", CommandLine.parse("-lerror").logLevel());
    }

    @Test
    void combinedShortFlagsEndingInAValueOption() {
        CommandLine c = CommandLine.parse("-vc", "x.toml");
        assertTrue(c.validate());
        assertEquals(Path.of("x.toml"), c.configPath());
    }

    @Test
    void consoleFlagsAreAcceptedAndIgnored() {
        assertEquals(CommandLine.parse(), CommandLine.parse("--console", "--remote-console"));
    }

    @Test
    void helpAndVersion() {
        assertTrue(CommandLine.parse("-h").help());
        assertTrue(CommandLine.parse("--help").help());
        assertTrue(CommandLine.parse("--version").version());
    }

    @Test
    void everyLogLevelIsAccepted() {
        for (String level : new String[] {"trace", "debug", "info", "warn", "error"}) {
            assertEquals(level, CommandLine.parse("-l", level).logLevel());
        }
    }

    @Test
    void unknownLogLevelIsAUsageError() {
        String message = assertThrows(ConfigException.class, () -> CommandLine.parse("--log-level", "verbose")).getMessage();
        assertTrue(message.contains("'verbose'") && message.contains("trace, debug, info, warn, error"), message);
    }

    @Test
    void logLevelIsCaseSensitiveLikeUpstream() {
        assertThrows(ConfigException.class, () -> CommandLine.parse("-l", "INFO"));
    }

    @Test
    void unknownFlagIsAUsageError() {
        assertEquals("unexpected argument '--frobnicate'",
                assertThrows(ConfigException.class, () -> CommandLine.parse("--frobnicate")).getMessage());
        assertEquals("unexpected argument '-x'", assertThrows(ConfigException.class, () -> CommandLine.parse("-x")).getMessage());
    }

    @Test
    void positionalArgumentIsAUsageError() {
        assertEquals("unexpected argument 'balancer.toml'",
                assertThrows(ConfigException.class, () -> CommandLine.parse("balancer.toml")).getMessage());
    }

    @Test
    void valueOptionAtTheEndWithoutValueIsAUsageError() {
        String message = assertThrows(ConfigException.class, () -> CommandLine.parse("--config-path")).getMessage();
        assertTrue(message.contains("--config-path"), message);
        assertThrows(ConfigException.class, () -> CommandLine.parse("-l"));
    }

    @Test
    void valueGivenToAFlagIsAUsageError() {
        assertThrows(ConfigException.class, () -> CommandLine.parse("--validate=yes"));
    }

    @Test
    void repeatedValueOptionIsAUsageError() {
        assertThrows(ConfigException.class, () -> CommandLine.parse("-c", "a.toml", "-c", "b.toml"));
    }

    @Test
    void usageListsEveryOption() {
        String usage = CommandLine.usage();
        for (String option : new String[] {"--config-path", "--log-level", "--validate", "--console", "--remote-console", "--help", "--version"}) {
            assertTrue(usage.contains(option), option);
        }
    }

    @Test
    void versionTextNamesTheProgram() {
        assertTrue(CommandLine.versionText().startsWith("ott-balancer "));
    }
}
