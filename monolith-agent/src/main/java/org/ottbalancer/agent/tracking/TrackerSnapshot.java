package org.ottbalancer.agent.tracking;

import java.util.List;

/**
 * What the tracker knows at one moment.
 *
 * @param monolithId the monolith's id from its init, {@code null} before any link completed a handshake
 * @param region the monolith's region from its init
 * @param rooms the rooms the monolith holds, busiest first
 * @param users clients in those rooms
 * @param messagesPerSecond client messages per second over the last minute, all rooms together
 */
public record TrackerSnapshot(String monolithId, String region, List<TrackedRoomView> rooms, int users,
        double messagesPerSecond) {
    public TrackerSnapshot {
        rooms = List.copyOf(rooms);
    }
}
