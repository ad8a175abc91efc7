package org.ottbalancer.balancer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void secondsMillisecondsMinutesAndHoursInShortForm() {
        assertEquals(Duration.ofSeconds(5), Durations.parse("5s"));
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofMinutes(1), Durations.parse("1m"));
        assertEquals(Duration.ofHours(2), Durations.parse("2h"));
        assertEquals(Duration.ofDays(3), Durations.parse("3d"));
    }

    @Test
    void nanosecondsAndMicroseconds() {
        assertEquals(Duration.ofNanos(7), Durations.parse("7ns"));
        assertEquals(Duration.ofNanos(7_000), Durations.parse("7us"));
    }

    @Test
    void longUnitNames() {
        assertEquals(Duration.ofMinutes(2), Durations.parse("2min"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("2mins"));
        assertEquals(Duration.ofMinutes(1), Durations.parse("1minute"));
        assertEquals(Duration.ofSeconds(10), Durations.parse("10sec"));
        assertEquals(Duration.ofSeconds(10), Durations.parse("10secs"));
        assertEquals(Duration.ofSeconds(1), Durations.parse("1second"));
        assertEquals(Duration.ofSeconds(2), Durations.parse("2seconds"));
        assertEquals(Duration.ofHours(3), Durations.parse("3hr"));
        assertEquals(Duration.ofHours(3), Durations.parse("3hrs"));
        assertEquals(Duration.ofHours(3), Durations.parse("3hours"));
        assertEquals(Duration.ofDays(2), Durations.parse("2days"));
    }

    @Test
    void severalSpansAreAddedWithOrWithoutSpaces() {
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h 30m"));
        assertEquals(Duration.ofMinutes(90), Durations.parse("1h30m"));
        assertEquals(Duration.ofMillis(2_250), Durations.parse("2s  250ms"));
    }

    @Test
    void spacesBetweenNumberAndUnitAreAllowed() {
        assertEquals(Duration.ofSeconds(1200).plusNanos(17), Durations.parse("20 min 17 nsec "));
    }

    @Test
    void weeksMonthsAndYearsUseHumantimeLengths() {
        assertEquals(Duration.ofDays(14), Durations.parse("2w"));
        assertEquals(Duration.ofSeconds(31_557_600), Durations.parse("1y"));
    }

    @Test
    void zeroIsAValidDuration() {
        assertEquals(Duration.ZERO, Durations.parse("0s"));
    }

    @Test
    void unitsAreCaseSensitiveLikeHumantime() {
        assertEquals(Duration.ofSeconds(2_630_016), Durations.parse("1M"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("5S"));
    }

    @Test
    void numberWithoutUnitIsRejected() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse("5"));
        assertTrue(e.getMessage().contains("time unit needed"), e.getMessage());
    }

    @Test
    void unknownUnitIsRejectedAndNamed() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Durations.parse("5 parsecs"));
        assertTrue(e.getMessage().contains("\"parsecs\""), e.getMessage());
    }

    @Test
    void emptyTextIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse(""));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("   "));
    }

    @Test
    void unitWithoutNumberIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("s"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("-5s"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("1.5s"));
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("5s!"));
    }

    @Test
    void absurdlyLongDurationIsRejectedInsteadOfOverflowing() {
        assertThrows(IllegalArgumentException.class, () -> Durations.parse("99999999999999999999999y"));
    }
}
