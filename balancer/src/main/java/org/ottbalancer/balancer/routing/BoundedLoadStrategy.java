package org.ottbalancer.balancer.routing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import org.ottbalancer.protocol.RoomName;

/**
 * Load-aware placement that every balancer evaluates identically: {@link Rendezvous} hashing of the
 * room's {@link RoomName#key()} over the candidates that are not too hot.
 *
 * <p>A candidate is too hot when the load it publishes in the registry ({@link Candidate#load()})
 * exceeds {@code loadFactor} times the average published load of the candidates. A candidate
 * without a load counts as average: it is never too hot and does not move the average. A load of
 * infinity means "full": it is always too hot and is left out of the average, so that one such
 * entry cannot make the cap infinite for everybody else.
 *
 * <p>The inputs are only the room name, the monolith ids and the registry loads, which every
 * balancer reading the same registry sees alike; room counts, which differ from balancer to
 * balancer, and randomness are deliberately not used. So when the first clients of a room arrive
 * at several balancers at once, every balancer sends the room to the same monolith instead of
 * creating duplicates that load epochs would then have to settle. For the same reason the average
 * is summed in ascending order of the loads, so that the order in which a balancer happens to list
 * its candidates cannot change a rounding and with it a decision at the cap.
 *
 * <p>Like plain rendezvous hashing, a monolith joining moves only the rooms that now hash to it,
 * as long as the cap does not change which monoliths are too hot; rooms that are already loaded
 * never move because of this strategy, which only places new rooms.
 *
 * <p>If every candidate is too hot (with a factor of at least 1 that needs every published load
 * to be infinite), the least loaded candidates are used instead, rendezvous-hashed among
 * themselves, so a new room is still placed rather than refused.
 */
public final class BoundedLoadStrategy implements SelectionStrategy {
    private final double loadFactor;

    /**
     * @param loadFactor how far above the average load a monolith may be and still take new rooms;
     *     a finite number of at least 1
     */
    public BoundedLoadStrategy(double loadFactor) {
        if (!(loadFactor >= 1.0) || Double.isInfinite(loadFactor)) {
            throw new IllegalArgumentException("BoundedLoad load factor must be a finite number of at least 1.0, got "
                    + loadFactor);
        }
        this.loadFactor = loadFactor;
    }

    public double loadFactor() {
        return loadFactor;
    }

    @Override
    public <C extends Candidate> Optional<C> select(RoomName room, List<C> candidates) {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(candidates, "candidates");
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        OptionalDouble cap = cap(candidates);
        if (cap.isEmpty()) {
            return Rendezvous.pick(room.key(), candidates);
        }
        List<C> cool = new ArrayList<>(candidates.size());
        for (C candidate : candidates) {
            OptionalDouble load = candidate.load();
            if (load.isEmpty() || load.getAsDouble() <= cap.getAsDouble()) {
                cool.add(candidate);
            }
        }
        return Rendezvous.pick(room.key(), cool.isEmpty() ? leastLoaded(candidates) : cool);
    }

    /**
     * {@code loadFactor} times the average finite load, or empty when no candidate publishes a
     * finite load (nothing to compare with, so nothing is capped except by the fallback).
     */
    private OptionalDouble cap(List<? extends Candidate> candidates) {
        double[] loads = new double[candidates.size()];
        int count = 0;
        boolean anyFull = false;
        for (Candidate candidate : candidates) {
            OptionalDouble load = candidate.load();
            if (load.isPresent()) {
                double value = load.getAsDouble();
                if (Double.isFinite(value)) {
                    loads[count++] = value;
                } else {
                    anyFull = true;
                }
            }
        }
        if (count == 0) {
            // Only full monoliths (cap them all: the fallback picks among them) or no loads at all.
            return anyFull ? OptionalDouble.of(Double.MAX_VALUE) : OptionalDouble.empty();
        }
        Arrays.sort(loads, 0, count);
        // The mean as a sum of scaled terms cannot overflow, however large the published loads are.
        double average = 0;
        for (int i = 0; i < count; i++) {
            average += loads[i] / count;
        }
        return OptionalDouble.of(loadFactor * average);
    }

    /**
     * The candidates sharing the lowest load. Only called when every candidate is too hot, and
     * candidates without a load never are, so every candidate here has one.
     */
    private static <C extends Candidate> List<C> leastLoaded(List<C> candidates) {
        double lowest = Double.POSITIVE_INFINITY;
        for (C candidate : candidates) {
            lowest = Math.min(lowest, candidate.load().orElse(0));
        }
        List<C> result = new ArrayList<>();
        for (C candidate : candidates) {
            if (candidate.load().orElse(0) == lowest) {
                result.add(candidate);
            }
        }
        return result;
    }

    @Override
    public String toString() {
        return "BoundedLoad(load_factor=" + loadFactor + ")";
    }
}
