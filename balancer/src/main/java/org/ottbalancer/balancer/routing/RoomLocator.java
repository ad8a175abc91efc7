package org.ottbalancer.balancer.routing;

import java.util.UUID;

/** Where a room lives: the monolith holding it and the epoch at which it was loaded there. */
public record RoomLocator(UUID monolith, long epoch) {
}
