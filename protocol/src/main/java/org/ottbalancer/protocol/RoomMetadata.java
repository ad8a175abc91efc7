package org.ottbalancer.protocol;

import java.util.Objects;

/**
 * What a monolith says about a room in {@code loaded} and {@code gossip}. Only {@code name} and
 * {@code visibility} are typed; the other fields are passed through to {@code /api/room/list}
 * exactly as the monolith sent them ({@link RawJson#NULL} for JSON {@code null}).
 */
public record RoomMetadata(
        RoomName name,
        RawJson title,
        RawJson description,
        RawJson isTemporary,
        Visibility visibility,
        RawJson queueMode,
        RawJson currentSource,
        RawJson users) {

    public RoomMetadata {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(description, "description");
        Objects.requireNonNull(isTemporary, "isTemporary");
        Objects.requireNonNull(visibility, "visibility");
        Objects.requireNonNull(queueMode, "queueMode");
        Objects.requireNonNull(currentSource, "currentSource");
        Objects.requireNonNull(users, "users");
    }
}
