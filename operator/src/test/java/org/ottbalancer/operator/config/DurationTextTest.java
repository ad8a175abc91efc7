package org.ottbalancer.operator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationTextTest {
    @Test
    void readsSingleUnits() {
        assertEquals(Duration.ofSeconds(300), DurationText.parse("300s"));
        assertEquals(Duration.ofMinutes(5), DurationText.parse("5m"));
        assertEquals(Duration.ofMillis(1500), DurationText.parse("1500ms"));
        assertEquals(Duration.ofHours(2), DurationText.parse("2h"));
    }

    @Test
    void addsConcatenatedUnits() {
        assertEquals(Duration.ofMinutes(90).plusSeconds(5), DurationText.parse("1h30m5s"));
    }

    @Test
    void rejectsTextThatIsNotADurationNamingIt() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> DurationText.parse("5 minutes"));
        assertEquals("\"5 minutes\" is not a duration such as 300s, 5m or 1h30m", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> DurationText.parse("300"));
        assertThrows(IllegalArgumentException.class, () -> DurationText.parse(""));
    }
}
