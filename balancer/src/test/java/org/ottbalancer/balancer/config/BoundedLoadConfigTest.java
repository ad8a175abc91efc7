package org.ottbalancer.balancer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code [selection_strategy] strategy = "BoundedLoad"} and its {@code load_factor}. */
class BoundedLoadConfigTest {
    @TempDir
    Path dir;

    private SelectionStrategyConfig strategy(String toml) throws IOException {
        return ConfigLoader.load(Files.writeString(dir.resolve("balancer.toml"), toml), Map.of()).selectionStrategy();
    }

    private String error(String toml) throws IOException {
        Path file = Files.writeString(dir.resolve("balancer.toml"), toml);
        return assertThrows(ConfigException.class, () -> ConfigLoader.load(file, Map.of())).getMessage();
    }

    @Test
    void loadFactorFromTheFile() throws IOException {
        assertEquals(new SelectionStrategyConfig.BoundedLoad(1.5),
                strategy("[selection_strategy]\nstrategy = \"BoundedLoad\"\nload_factor = 1.5\n"));
    }

    @Test
    void loadFactorDefaultsToOnePointTwoFive() throws IOException {
        assertEquals(new SelectionStrategyConfig.BoundedLoad(1.25), strategy("[selection_strategy]\nstrategy = \"BoundedLoad\"\n"));
    }

    @Test
    void integerLoadFactorIsAccepted() throws IOException {
        assertEquals(new SelectionStrategyConfig.BoundedLoad(2.0),
                strategy("[selection_strategy]\nstrategy = \"BoundedLoad\"\nload_factor = 2\n"));
    }

    @Test
    void environmentInlineTable() {
        assertEquals(new SelectionStrategyConfig.BoundedLoad(1.25), ConfigLoader.load(dir.resolve("absent.toml"),
                Map.of("BALANCER_SELECTION_STRATEGY", "{ strategy = \"BoundedLoad\", load_factor = 1.25 }")).selectionStrategy());
    }

    @Test
    void loadFactorBelowOneIsRefused() throws IOException {
        assertEquals("selection_strategy.load_factor: expected a finite number of at least 1.0, got 0.8",
                error("[selection_strategy]\nstrategy = \"BoundedLoad\"\nload_factor = 0.8\n"));
    }

    @Test
    void loadFactorThatIsNotANumberIsRefused() throws IOException {
        assertEquals("selection_strategy.load_factor: expected a number, got \"high\"",
                error("[selection_strategy]\nstrategy = \"BoundedLoad\"\nload_factor = \"high\"\n"));
    }

    @Test
    void infiniteLoadFactorIsRefused() throws IOException {
        assertEquals("selection_strategy.load_factor: expected a finite number of at least 1.0, got Infinity",
                error("[selection_strategy]\nstrategy = \"BoundedLoad\"\nload_factor = inf\n"));
    }
}
