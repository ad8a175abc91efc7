package org.ottbalancer.bench.jmh;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.ottbalancer.balancer.routing.HashRingStrategy;
import org.ottbalancer.balancer.routing.MinRoomsStrategy;
import org.ottbalancer.balancer.routing.Placement;
import org.ottbalancer.balancer.routing.Rendezvous;
import org.ottbalancer.protocol.RoomName;

/**
 * Choosing a monolith for a new room among ten candidates (one draining, two in another region),
 * as the control thread does on every join of an unmapped room, and the rendezvous pick used to
 * re-home a moving room. Room names rotate so that no answer is cached by the JIT.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class PlacementBenchmark {
    private static final int ROOMS = 1024;

    private final RoomName[] rooms = new RoomName[ROOMS];
    private final String[] roomKeys = new String[ROOMS];
    private List<BenchCandidate> candidates;
    private Placement hashRing;
    private Placement hashRingWeighted;
    private Placement minRooms;
    private int next;

    @Setup
    public void setUp() {
        candidates = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            candidates.add(new BenchCandidate(UUID.randomUUID(), i < 2 ? "other" : "ewr", 10 + 7 * i % 13, i == 5,
                    OptionalDouble.empty()));
        }
        for (int i = 0; i < ROOMS; i++) {
            rooms[i] = RoomName.of("room-" + i);
            roomKeys[i] = rooms[i].key();
        }
        hashRing = new Placement("ewr", new HashRingStrategy(1));
        hashRingWeighted = new Placement("ewr", new HashRingStrategy(5));
        minRooms = new Placement("ewr", new MinRoomsStrategy());
    }

    private int nextRoom() {
        next = (next + 1) & (ROOMS - 1);
        return next;
    }

    @Benchmark
    public Optional<BenchCandidate> placeHashRing() {
        return hashRing.place(rooms[nextRoom()], candidates);
    }

    @Benchmark
    public Optional<BenchCandidate> placeHashRingWeight5() {
        return hashRingWeighted.place(rooms[nextRoom()], candidates);
    }

    @Benchmark
    public Optional<BenchCandidate> placeMinRooms() {
        return minRooms.place(rooms[nextRoom()], candidates);
    }

    @Benchmark
    public Optional<BenchCandidate> rendezvousPick() {
        return Rendezvous.pick(roomKeys[nextRoom()], candidates);
    }
}
