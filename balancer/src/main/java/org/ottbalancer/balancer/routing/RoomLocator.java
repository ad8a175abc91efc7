package org.ottbalancer.balancer.routing;

import java.util.Objects;
import java.util.UUID;
import org.ottbalancer.protocol.LoadEpoch;

/**
 * Where a room lives: the monolith holding the authoritative instance and that instance's load
 * epoch (spec §2.7, §5.1). The epoch is {@link LoadEpoch#PLACEHOLDER} while the balancer has placed
 * the room itself and the monolith has not reported it yet.
 */
public record RoomLocator(UUID monolith, long epoch) {

    public RoomLocator {
        Objects.requireNonNull(monolith, "monolith");
        requireEpoch(epoch);
    }

    /** The mapping recorded when this balancer sends a room's first join to {@code monolith}. */
    public static RoomLocator placeholder(UUID monolith) {
        return new RoomLocator(monolith, LoadEpoch.PLACEHOLDER);
    }

    public boolean isPlaceholder() {
        return epoch == LoadEpoch.PLACEHOLDER;
    }

    public boolean isOn(UUID monolithId) {
        return monolith.equals(monolithId);
    }

    static long requireEpoch(long epoch) {
        if (epoch < 0 || epoch > LoadEpoch.PLACEHOLDER) {
            throw new IllegalArgumentException("load epoch " + epoch + " is not an unsigned 32-bit integer");
        }
        return epoch;
    }
}
