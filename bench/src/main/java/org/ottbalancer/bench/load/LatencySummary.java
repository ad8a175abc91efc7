package org.ottbalancer.bench.load;

import org.HdrHistogram.Histogram;

/** The percentiles the report shows, in microseconds. */
public record LatencySummary(long count, double p50, double p90, double p99, double p999, double max, double mean) {

    public static LatencySummary of(Histogram h) {
        if (h.getTotalCount() == 0) {
            return new LatencySummary(0, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN, Double.NaN);
        }
        return new LatencySummary(h.getTotalCount(), micros(h.getValueAtPercentile(50)), micros(h.getValueAtPercentile(90)),
                micros(h.getValueAtPercentile(99)), micros(h.getValueAtPercentile(99.9)), micros(h.getMaxValue()),
                h.getMean() / 1000.0);
    }

    private static double micros(long nanos) {
        return nanos / 1000.0;
    }
}
