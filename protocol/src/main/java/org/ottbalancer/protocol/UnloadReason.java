package org.ottbalancer.protocol;

/**
 * Why a monolith dropped a room. Serialised as the constant's exact PascalCase name; any other
 * string makes the whole {@code unloaded} message invalid.
 */
public enum UnloadReason {
    /** Idle room unloaded to free resources; clients are kicked with 4003. */
    Keepalive,
    /** Forcibly unloaded by an administrator; clients are kicked with 4003. */
    Admin,
    /** A balancer sent {@code unload}; state is kept in the room store; clients are kicked with 1001. */
    Commanded,
    /** The monolith is shutting down; state is kept; clients are kicked with 1001. */
    Shutdown
}
