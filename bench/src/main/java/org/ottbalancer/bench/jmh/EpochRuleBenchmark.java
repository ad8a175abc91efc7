package org.ottbalancer.bench.jmh;

import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.ottbalancer.balancer.routing.EpochDecision;
import org.ottbalancer.balancer.routing.EpochRule;
import org.ottbalancer.balancer.routing.RoomLocator;

/**
 * Resolving a room report against the room's mapping: run for every room of every {@code loaded}
 * and {@code gossip}, so a gossip of thousands of rooms costs thousands of these.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class EpochRuleBenchmark {
    private UUID holder;
    private UUID other;
    private RoomLocator mapped;
    private RoomLocator placeholder;
    private long epoch;

    @Setup
    public void setUp() {
        holder = UUID.randomUUID();
        other = UUID.randomUUID();
        mapped = new RoomLocator(holder, 1000);
        placeholder = RoomLocator.placeholder(holder);
    }

    private long nextEpoch() {
        epoch = (epoch + 1) & 0xFFFF;
        return epoch;
    }

    /** The common case: the holder's gossip repeats what is known. */
    @Benchmark
    public EpochDecision sameHolder() {
        return EpochRule.decide(mapped, holder, 1000 + (nextEpoch() & 1));
    }

    /** A duplicate on another monolith: one of the two must unload. */
    @Benchmark
    public EpochDecision duplicateElsewhere() {
        return EpochRule.decide(mapped, other, nextEpoch() + 500);
    }

    /** The first real report replacing this balancer's placeholder. */
    @Benchmark
    public EpochDecision replacePlaceholder() {
        return EpochRule.decide(placeholder, other, nextEpoch());
    }

    /** A room nobody had mapped. */
    @Benchmark
    public EpochDecision unmapped() {
        return EpochRule.decide(null, holder, nextEpoch());
    }
}
