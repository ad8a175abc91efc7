package org.ottbalancer.balancer.routing;

import java.util.Objects;
import java.util.UUID;

/**
 * What to do when monolith M reports a room with epoch E ({@code loaded}, or one {@code gossip}
 * entry), as decided by {@link EpochRule}. Each variant says what the caller must do; sending and
 * local bookkeeping stay with the caller.
 */
public sealed interface EpochDecision {

    /**
     * M holds the room (or its authoritative copy): store {@code locator} as the mapping, create the
     * room under M if missing and store the reported metadata. Nothing is sent.
     */
    record Install(RoomLocator locator) implements EpochDecision {
        public Install {
            Objects.requireNonNull(locator, "locator");
        }
    }

    /**
     * The existing mapping is older: keep it, send {@code unload} to {@code unloadFrom} (the reporter
     * M) and, for gossip, drop the room from M's local room set.
     */
    record RejectReported(UUID unloadFrom) implements EpochDecision {
        public RejectReported {
            Objects.requireNonNull(unloadFrom, "unloadFrom");
        }
    }

    /**
     * The reported instance is older: remove the room from {@code unloadFrom} (the previous holder O)
     * locally, closing its balancer clients, map the room to (M, E), create or sync it under M, then
     * send {@code unload} to O (a failed send is only logged).
     */
    record ReplaceExisting(UUID unloadFrom) implements EpochDecision {
        public ReplaceExisting {
            Objects.requireNonNull(unloadFrom, "unloadFrom");
        }
    }

    /**
     * Two monoliths report the same epoch, which a shared counter should make impossible: keep the
     * existing mapping, send nothing, log an error and, for gossip, drop the room from M's local set.
     */
    record Conflict() implements EpochDecision {
    }
}
