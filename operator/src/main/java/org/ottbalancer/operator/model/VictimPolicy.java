package org.ottbalancer.operator.model;

/** How the monolith to drain is chosen when the monolith replica count goes down. */
public enum VictimPolicy {
    /** The monolith with the fewest connected users: the fewest people see a room move. */
    FewestUsers,
    /** The monolith holding the fewest rooms: the fewest room moves. */
    FewestRooms,
    /** The longest-running monolith. */
    Oldest,
    /** The most recently started monolith. */
    Newest
}
