package org.ottbalancer.balancer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ValidationTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

    private String printed() {
        return bytes.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n");
    }

    @Test
    void validFileSaysSoAndExitsZero() throws IOException {
        Path file = dir.resolve("balancer.toml");
        Files.writeString(file, "[discovery]\nmethod = \"harness\"\nport = 40000\n");
        assertEquals(0, Validation.validate(file, Map.of(), out));
        assertEquals("Configuration is valid\n", printed());
    }

    @Test
    void missingFileIsValidBecauseItMeansDefaults() {
        assertEquals(0, Validation.validate(dir.resolve("absent.toml"), Map.of(), out));
        assertEquals("Configuration is valid\n", printed());
    }

    @Test
    void invalidFileSaysWhyAndExitsOne() throws IOException {
        Path file = dir.resolve("balancer.toml");
        Files.writeString(file, "[discovery]\nmethod = \"foo\"\n");
        assertEquals(1, Validation.validate(file, Map.of(), out));
        assertEquals("Configuration is invalid\n"
                + "discovery.method: unknown discovery method \"foo\" (expected manual, dns, fly, harness, file or kubernetes)\n", printed());
    }

    @Test
    void invalidEnvironmentOverrideIsReportedToo() {
        assertEquals(1, Validation.validate(dir.resolve("absent.toml"), Map.of("BALANCER_PORT", "abc"), out));
        assertEquals("Configuration is invalid\nport: expected an integer in 0..65535, got \"abc\"\n", printed());
    }
}
