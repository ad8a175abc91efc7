package org.ottbalancer.monolith.store;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.ottbalancer.protocol.RoomName;

/**
 * Where rooms outlive the monolith that holds them, shared by every monolith of a deployment: the
 * persisted state of each room, the auth tokens any monolith granted, and the global load-epoch
 * counter. Every call is asynchronous so that no event loop ever waits on the store.
 *
 * <p>Rooms are keyed by the ASCII-lower-cased name ({@link RoomName#key()}), because room names are
 * case-insensitive everywhere in the protocol.
 */
public interface RoomStore extends AutoCloseable {

    /** The epoch counter is reset to 0 once it reaches this value (spec §2.7). */
    long EPOCH_RESET_THRESHOLD = 2_147_483_640L;

    /** The saved state of a room as JSON text, or empty if no such room exists. */
    CompletableFuture<Optional<String>> loadRoom(RoomName name);

    /** Overwrites the saved state of a room. */
    CompletableFuture<Void> saveRoom(RoomName name, String stateJson);

    /** Saves a new room unless one of that name exists; completes with {@code false} if it did. */
    CompletableFuture<Boolean> createRoom(RoomName name, String stateJson);

    /**
     * Increments the shared load-epoch counter and returns the new value. When the value reaches
     * {@link #EPOCH_RESET_THRESHOLD} the counter is reset to 0, but the caller still gets the big
     * value.
     */
    CompletableFuture<Long> nextLoadEpoch();

    /** Remembers an auth token for {@code ttl}, so that every monolith sharing the store accepts it. */
    CompletableFuture<Void> putToken(String token, Duration ttl);

    /** Whether {@code token} was granted and has not expired. */
    CompletableFuture<Boolean> hasToken(String token);

    /** Releases connections; a store shared by several monoliths is closed by its owner. */
    @Override
    void close();
}
