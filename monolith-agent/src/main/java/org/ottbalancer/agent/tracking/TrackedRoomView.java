package org.ottbalancer.agent.tracking;

import java.time.Instant;
import org.ottbalancer.protocol.RoomName;

/**
 * One held room at the moment of a {@link TrackerSnapshot}.
 *
 * @param lastClientMessage wall-clock time of the last client message, {@code null} if none was seen
 */
public record TrackedRoomView(RoomName name, long loadEpoch, int clients, long clientMessages,
        double messagesPerSecond, Instant lastClientMessage) {
}
