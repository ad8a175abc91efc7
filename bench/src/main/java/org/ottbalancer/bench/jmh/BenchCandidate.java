package org.ottbalancer.bench.jmh;

import java.util.OptionalDouble;
import java.util.UUID;
import org.ottbalancer.balancer.routing.Candidate;

/** A monolith as placement sees it, with fixed values, for the routing benchmarks. */
public record BenchCandidate(UUID id, String region, int roomCount, boolean draining, OptionalDouble load) implements Candidate {
}
