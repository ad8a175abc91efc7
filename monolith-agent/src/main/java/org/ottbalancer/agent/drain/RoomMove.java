package org.ottbalancer.agent.drain;

import org.ottbalancer.protocol.RoomName;

/** One room on its way out: frozen and waiting to settle, then unloading and waiting for {@code unloaded}. */
final class RoomMove {
    enum Phase {
        FROZEN("frozen"),
        UNLOADING("unloading");

        final String wire;

        Phase(String wire) {
            this.wire = wire;
        }
    }

    final RoomName room;
    final long frozenAtNanos;
    final long freezeExpiresNanos;
    Phase phase = Phase.FROZEN;
    long unloadSentNanos;

    RoomMove(RoomName room, long frozenAtNanos, long freezeExpiresNanos) {
        this.room = room;
        this.frozenAtNanos = frozenAtNanos;
        this.freezeExpiresNanos = freezeExpiresNanos;
    }
}
