package org.ottbalancer.e2e.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class LocalClusterOptionsTest {
    @Test
    void noArgumentsMeanPort8081ThreeMonolithsMemoryAndFiveSecondSaves() {
        assertEquals(new LocalClusterOptions(8081, 3, Optional.empty(), Duration.ofSeconds(5), false),
                LocalClusterOptions.parse(new String[0]));
    }

    @Test
    void everyOptionIsReadInBothSpellings() {
        LocalClusterOptions o = LocalClusterOptions.parse(new String[] {"--balancer-port", "9000", "--monoliths=5",
            "--redis", "redis://127.0.0.1:6379", "--save-delay=1500ms"});
        assertEquals(new LocalClusterOptions(9000, 5, Optional.of("redis://127.0.0.1:6379"), Duration.ofMillis(1500), false), o);
    }

    @Test
    void badValuesAreRefusedNamingTheFlag() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LocalClusterOptions.parse(new String[] {"--monoliths", "0"}))
                .getMessage().contains("--monoliths"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LocalClusterOptions.parse(new String[] {"--save-delay", "5"}))
                .getMessage().contains("--save-delay"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LocalClusterOptions.parse(new String[] {"--redis", "localhost"}))
                .getMessage().contains("--redis"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> LocalClusterOptions.parse(new String[] {"--bogus", "1"}))
                .getMessage().contains("--bogus"));
    }

    @Test
    void helpIsRecognised() {
        assertTrue(LocalClusterOptions.parse(new String[] {"--help"}).helpRequested());
    }
}
