package org.ottbalancer.agent.tracking;

import org.ottbalancer.protocol.RoomName;

/** Told when the set of rooms the monolith holds changes; called outside the tracker's lock. */
public interface RoomSetListener {
    /** A {@code loaded}, {@code unloaded} or {@code gossip} changed (or may have changed) the room set. */
    void roomSetChanged();

    /** The monolith said {@code unloaded} for this room. */
    void roomUnloaded(RoomName room);
}
