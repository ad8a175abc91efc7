package org.ottbalancer.protocol;

/**
 * Load epochs are unsigned 32-bit counters shared by all monoliths: the smaller epoch is the older,
 * authoritative instance of a room.
 */
public final class LoadEpoch {
    /**
     * Epoch a balancer records for a room it placed itself before any monolith reported it
     * ({@code u32::MAX}), so that any real report wins over the placeholder.
     */
    public static final long PLACEHOLDER = 0xFFFF_FFFFL;

    private LoadEpoch() {
    }

    static long check(long epoch) {
        if (epoch < 0 || epoch > PLACEHOLDER) {
            throw new ProtocolException("load_epoch " + epoch + " is not an unsigned 32-bit integer");
        }
        return epoch;
    }
}
