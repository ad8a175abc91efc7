package org.ottbalancer.bench;

import java.util.List;

/**
 * The sizes of one benchmark run. {@code quick} fits in a few minutes on two cores (and in CI);
 * {@code full} aims at the targets, scaled to what one process may hold here.
 *
 * @param name quick or full
 * @param monoliths monoliths behind every target
 * @param swarmThreads event loops of the load generator
 * @param relayClients clients of the relay-latency scenario
 * @param relayRooms rooms they are spread over
 * @param relayRate total echo messages per second
 * @param fanoutRooms rooms of the fan-out scenario
 * @param fanoutClientsPerRoom room sizes, in increasing order (one measurement each)
 * @param fanoutRatePerRoom broadcasts per second sent into each room
 * @param joinClients clients of the join storm
 * @param joinConcurrency joins in flight at once during the storm
 * @param idleClients clients held idle for the memory measurement
 * @param httpConnections wrk connections
 * @param drainRooms rooms moved off a monolith in the drain scenario
 * @param drainClientsPerRoom clients in each of them
 * @param drainRate total echo messages per second while draining
 * @param payloadBytes size of every echo/broadcast message
 * @param warmupSeconds warm-up before each measurement
 * @param measureSeconds length of each measurement
 * @param jmhIterations JMH warm-up and measurement iterations (1 s each, one fork)
 */
public record Profile(String name, int monoliths, int swarmThreads, int relayClients, int relayRooms, int relayRate,
                      int fanoutRooms, List<Integer> fanoutClientsPerRoom, int fanoutRatePerRoom, int joinClients,
                      int joinConcurrency, int idleClients, int httpConnections, int drainRooms, int drainClientsPerRoom,
                      int drainRate, int payloadBytes, int warmupSeconds, int measureSeconds, int jmhIterations) {

    public static Profile quick() {
        return new Profile("quick", 2, 2, 200, 20, 5_000, 5, List.of(20, 100), 50, 1_000, 500, 1_000, 32, 10, 10, 500,
                128, 3, 3, 2);
    }

    public static Profile full() {
        return new Profile("full", 2, 2, 1_000, 100, 20_000, 10, List.of(100, 250, 500, 1_000), 100, 10_000, 1_000,
                18_000, 64, 50, 20, 2_000, 128, 8, 15, 5);
    }

    /** The same sizes measured for longer (or shorter): what a profiling run of one scenario needs. */
    public Profile withTimes(int warmup, int measure) {
        if (warmup < 0 || measure <= 0) {
            throw new IllegalArgumentException("warm-up must be >= 0 and measurement > 0 seconds");
        }
        return new Profile(name, monoliths, swarmThreads, relayClients, relayRooms, relayRate, fanoutRooms,
                fanoutClientsPerRoom, fanoutRatePerRoom, joinClients, joinConcurrency, idleClients, httpConnections,
                drainRooms, drainClientsPerRoom, drainRate, payloadBytes, warmup, measure, jmhIterations);
    }

    public static Profile named(String name) {
        return switch (name) {
            case "quick" -> quick();
            case "full" -> full();
            default -> throw new IllegalArgumentException("unknown profile \"" + name + "\" (expected quick or full)");
        };
    }
}
