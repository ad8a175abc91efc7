package org.ottbalancer.balancer.routing;

import java.util.ArrayList;
import java.util.List;
import java.util.OptionalDouble;
import java.util.Random;
import java.util.UUID;

/** A connected monolith as the routing code sees it, built by tests. */
record TestCandidate(UUID id, String region, int roomCount, boolean draining, OptionalDouble load)
        implements Candidate {

    static TestCandidate active(String region, int roomCount) {
        return new TestCandidate(UUID.randomUUID(), region, roomCount, false, OptionalDouble.empty());
    }

    static TestCandidate draining(String region) {
        return new TestCandidate(UUID.randomUUID(), region, 0, true, OptionalDouble.empty());
    }

    static TestCandidate withId(UUID id) {
        return new TestCandidate(id, "unknown", 0, false, OptionalDouble.empty());
    }

    /** Monoliths with ids from a fixed seed, so that hash-ring tests are reproducible run to run. */
    static List<TestCandidate> seeded(long seed, int count) {
        Random random = new Random(seed);
        List<TestCandidate> result = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            result.add(withId(new UUID(random.nextLong(), random.nextLong())));
        }
        return result;
    }
}
