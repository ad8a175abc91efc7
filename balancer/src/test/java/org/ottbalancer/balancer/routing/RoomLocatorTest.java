package org.ottbalancer.balancer.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ottbalancer.protocol.LoadEpoch;

class RoomLocatorTest {
    private final UUID monolith = UUID.randomUUID();

    @Test
    void placeholderCarriesTheMaximumUnsignedThirtyTwoBitEpoch() {
        RoomLocator placeholder = RoomLocator.placeholder(monolith);

        assertEquals(4294967295L, placeholder.epoch());
        assertTrue(placeholder.isPlaceholder());
    }

    @Test
    void aReportedEpochIsNotAPlaceholder() {
        assertFalse(new RoomLocator(monolith, 12).isPlaceholder());
    }

    @Test
    void isOnComparesTheMonolithId() {
        RoomLocator locator = new RoomLocator(monolith, 3);

        assertTrue(locator.isOn(monolith));
        assertFalse(locator.isOn(UUID.randomUUID()));
    }

    @Test
    void negativeEpochIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RoomLocator(monolith, -1));
    }

    @Test
    void epochAboveThirtyTwoBitsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> new RoomLocator(monolith, LoadEpoch.PLACEHOLDER + 1));
    }

    @Test
    void missingMonolithIsRejected() {
        assertThrows(NullPointerException.class, () -> new RoomLocator(null, 1));
    }
}
