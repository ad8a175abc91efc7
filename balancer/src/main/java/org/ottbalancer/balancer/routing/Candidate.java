package org.ottbalancer.balancer.routing;

import java.util.OptionalDouble;
import java.util.UUID;

/** What placement needs to know about a connected monolith. */
public interface Candidate {
    UUID id();

    String region();

    int roomCount();

    boolean draining();

    OptionalDouble load();
}
