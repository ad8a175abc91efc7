package org.ottbalancer.monolith.rooms;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonRawValue;
import com.fasterxml.jackson.core.io.JsonStringEncoder;

/**
 * A room as the HTTP API shows it ({@code GET /api/room/{name}}, {@code /api/room/list}).
 *
 * @param currentSource raw JSON: the video object or {@code null}
 * @param loaded whether this monolith holds the room in memory (otherwise it was read from the store)
 */
public record RoomInfo(
        String name,
        String title,
        String description,
        @JsonProperty("isTemporary") boolean isTemporary,
        String visibility,
        String queueMode,
        @JsonRawValue String currentSource,
        int users,
        long revision,
        Playback playback,
        boolean loaded) {

    static RoomInfo of(Room room) {
        return new RoomInfo(room.name().value(), room.title(), room.description(), room.isTemporary(),
                room.visibility().wire(), room.queueMode(), room.currentSource().text(), room.userCount(),
                room.revision(), room.playback(), true);
    }

    static RoomInfo of(SavedRoom saved) {
        Playback playback = saved.playback();
        String source = playback == null || playback.videoId() == null
                ? "null"
                : "{\"service\":\"direct\",\"id\":\"" + new String(JsonStringEncoder.getInstance().quoteAsString(playback.videoId())) + "\"}";
        return new RoomInfo(saved.name(), saved.title(), saved.description(), saved.isTemporary(), saved.visibility(),
                saved.queueMode(), source, 0, saved.revision(), playback, false);
    }
}
