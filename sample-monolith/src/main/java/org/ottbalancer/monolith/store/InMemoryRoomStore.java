package org.ottbalancer.monolith.store;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.ottbalancer.protocol.RoomName;

/**
 * A room store held in this JVM's memory. One instance may be shared by several monoliths in the
 * same process, which then see each other's rooms, tokens and epochs exactly as monoliths sharing a
 * Redis would. Calls complete at once.
 */
public final class InMemoryRoomStore implements RoomStore {
    private final Map<String, String> rooms = new ConcurrentHashMap<>();
    private final Map<String, Long> tokenExpiryNanos = new ConcurrentHashMap<>();
    private final AtomicLong epoch;

    public InMemoryRoomStore() {
        this(0);
    }

    /** Starts the epoch counter at {@code initialEpoch}, as if that many loads had happened. */
    public InMemoryRoomStore(long initialEpoch) {
        if (initialEpoch < 0 || initialEpoch >= EPOCH_RESET_THRESHOLD) {
            throw new IllegalArgumentException("initial epoch must be in [0, " + EPOCH_RESET_THRESHOLD + "), got " + initialEpoch);
        }
        this.epoch = new AtomicLong(initialEpoch);
    }

    @Override
    public CompletableFuture<Optional<String>> loadRoom(RoomName name) {
        return CompletableFuture.completedFuture(Optional.ofNullable(rooms.get(name.key())));
    }

    @Override
    public CompletableFuture<Void> saveRoom(RoomName name, String stateJson) {
        rooms.put(name.key(), stateJson);
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Boolean> createRoom(RoomName name, String stateJson) {
        return CompletableFuture.completedFuture(rooms.putIfAbsent(name.key(), stateJson) == null);
    }

    @Override
    public CompletableFuture<Long> nextLoadEpoch() {
        while (true) {
            long current = epoch.get();
            long next = current + 1;
            long stored = next >= EPOCH_RESET_THRESHOLD ? 0 : next;
            if (epoch.compareAndSet(current, stored)) {
                return CompletableFuture.completedFuture(next);
            }
        }
    }

    @Override
    public CompletableFuture<Void> putToken(String token, Duration ttl) {
        tokenExpiryNanos.put(token, System.nanoTime() + ttl.toNanos());
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public CompletableFuture<Boolean> hasToken(String token) {
        Long expiry = tokenExpiryNanos.get(token);
        if (expiry == null) {
            return CompletableFuture.completedFuture(false);
        }
        if (System.nanoTime() - expiry >= 0) {
            tokenExpiryNanos.remove(token, expiry);
            return CompletableFuture.completedFuture(false);
        }
        return CompletableFuture.completedFuture(true);
    }

    @Override
    public void close() {
        // Nothing to release: the maps live as long as the instance.
    }
}
