package org.ottbalancer.agent.tracking;

/**
 * Messages per second over the last minute, kept in sixty one-second buckets so that recording is
 * O(1) and old traffic falls out on its own. Not thread-safe: the tracker guards it.
 */
final class MessageRate {
    private static final int SECONDS = 60;
    private static final long NANOS_PER_SECOND = 1_000_000_000L;

    private final long[] counts = new long[SECONDS];
    private final long[] bucketSecond = new long[SECONDS];

    MessageRate() {
        java.util.Arrays.fill(bucketSecond, Long.MIN_VALUE);
    }

    void record(long nowNanos) {
        long second = Math.floorDiv(nowNanos, NANOS_PER_SECOND);
        int i = (int) Math.floorMod(second, SECONDS);
        if (bucketSecond[i] != second) {
            bucketSecond[i] = second;
            counts[i] = 0;
        }
        counts[i]++;
    }

    double perSecond(long nowNanos) {
        long second = Math.floorDiv(nowNanos, NANOS_PER_SECOND);
        long total = 0;
        for (int i = 0; i < SECONDS; i++) {
            if (bucketSecond[i] > second - SECONDS && bucketSecond[i] <= second) {
                total += counts[i];
            }
        }
        return (double) total / SECONDS;
    }
}
