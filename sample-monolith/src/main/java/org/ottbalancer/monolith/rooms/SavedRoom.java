package org.ottbalancer.monolith.rooms;

import java.util.List;

/**
 * The JSON document a room store holds for one room. {@code revision} grows by one with every
 * state change, so a reader can tell which changes a save contained. {@code names} maps a hash of a
 * session token to the name that person chose, so names survive reconnects and room moves.
 */
public record SavedRoom(
        String name,
        String title,
        String description,
        boolean isTemporary,
        String visibility,
        String queueMode,
        long revision,
        Playback playback,
        List<ChatMessage> chat,
        java.util.Map<String, String> names) {

    public SavedRoom {
        chat = chat == null ? List.of() : List.copyOf(chat);
        names = names == null ? java.util.Map.of() : java.util.Map.copyOf(names);
        if (title == null) {
            title = "";
        }
        if (description == null) {
            description = "";
        }
        if (queueMode == null) {
            queueMode = "manual";
        }
        if (visibility == null) {
            visibility = "public";
        }
    }

    /** A fresh room with nothing in it yet. */
    public static SavedRoom fresh(String name, String title, boolean temporary, String visibility, long now) {
        return new SavedRoom(name, title, "", temporary, visibility, "manual", 0, Playback.initial(now), List.of(),
                java.util.Map.of());
    }
}
