package org.ottbalancer.bench.load;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Round-trip or delivery latencies in nanoseconds, written by many event-loop threads at once
 * without locks (HdrHistogram's {@link Recorder}) and read as one interval histogram per
 * measurement window, so that warm-up samples never mix with measured ones.
 */
public final class LatencyRecorder {
    /** Anything slower than a minute is recorded as a minute rather than dropped. */
    private static final long MAX_NANOS = TimeUnit.MINUTES.toNanos(1);

    private final Recorder recorder = new Recorder(MAX_NANOS, 3);

    public void record(long nanos) {
        recorder.recordValue(Math.max(1, Math.min(nanos, MAX_NANOS)));
    }

    /** Forgets everything recorded so far: the start of a measurement window. */
    public void reset() {
        recorder.getIntervalHistogram();
    }

    /** Everything recorded since the last {@link #reset()} or {@code interval()}. */
    public Histogram interval() {
        return recorder.getIntervalHistogram();
    }
}
