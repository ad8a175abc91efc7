package org.ottbalancer.monolith.store;

/** Opens the room store a configuration names. */
public final class RoomStores {
    private RoomStores() {
    }

    /**
     * @param spec {@code memory} or a {@code redis://} / {@code rediss://} URI
     * @throws IllegalArgumentException for any other value
     */
    public static RoomStore open(String spec) {
        if (spec.equals("memory")) {
            return new InMemoryRoomStore();
        }
        if (spec.startsWith("redis://") || spec.startsWith("rediss://")) {
            return RedisRoomStore.connect(spec);
        }
        throw new IllegalArgumentException("store must be \"memory\" or a redis:// URI, got \"" + spec + "\"");
    }
}
