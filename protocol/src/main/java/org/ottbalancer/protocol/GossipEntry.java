package org.ottbalancer.protocol;

import java.util.Objects;

/** One room of a {@code gossip} message: its metadata and the epoch at which it was loaded. */
public record GossipEntry(RoomMetadata room, long loadEpoch) {
    public GossipEntry {
        Objects.requireNonNull(room, "room");
        LoadEpoch.check(loadEpoch);
    }
}
