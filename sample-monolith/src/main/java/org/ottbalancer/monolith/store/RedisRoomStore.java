package org.ottbalancer.monolith.store;

import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SetArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import org.ottbalancer.protocol.RoomName;

/**
 * A room store in Redis, with OTT's key names: {@code room:<name>} holds the room's JSON state,
 * {@code roommanager:load_epoch} the shared epoch counter, {@code token:<token>} a granted auth
 * token (with a TTL).
 *
 * <p>Uses one Lettuce connection; Lettuce pipelines concurrent commands over it and completes
 * futures on its own I/O threads, so callers must hop back to their own executor.
 */
public final class RedisRoomStore implements RoomStore {
    static final String EPOCH_KEY = "roommanager:load_epoch";

    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisAsyncCommands<String, String> redis;

    private RedisRoomStore(RedisClient client, StatefulRedisConnection<String, String> connection) {
        this.client = client;
        this.connection = connection;
        this.redis = connection.async();
    }

    /**
     * Connects to {@code uri} (e.g. {@code redis://127.0.0.1:6379}). Connecting blocks the caller
     * briefly; call it at startup, not on an event loop.
     *
     * @throws IllegalArgumentException if the URI is malformed
     * @throws io.lettuce.core.RedisConnectionException if Redis cannot be reached
     */
    public static RedisRoomStore connect(String uri) {
        RedisURI parsed;
        try {
            parsed = RedisURI.create(uri);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("invalid Redis URI \"" + uri + "\": " + e.getMessage(), e);
        }
        RedisClient client = RedisClient.create(parsed);
        try {
            return new RedisRoomStore(client, client.connect());
        } catch (RuntimeException e) {
            client.shutdown();
            throw e;
        }
    }

    static String roomKey(RoomName name) {
        return "room:" + name.key();
    }

    static String tokenKey(String token) {
        return "token:" + token;
    }

    @Override
    public CompletableFuture<Optional<String>> loadRoom(RoomName name) {
        return redis.get(roomKey(name)).toCompletableFuture().thenApply(Optional::ofNullable);
    }

    @Override
    public CompletableFuture<Void> saveRoom(RoomName name, String stateJson) {
        return redis.set(roomKey(name), stateJson).toCompletableFuture().thenApply(ok -> null);
    }

    @Override
    public CompletableFuture<Boolean> createRoom(RoomName name, String stateJson) {
        // SET NX replies OK when it wrote and nil when the key existed.
        return redis.set(roomKey(name), stateJson, SetArgs.Builder.nx()).toCompletableFuture()
                .thenApply(reply -> "OK".equals(reply));
    }

    @Override
    public CompletableFuture<Long> nextLoadEpoch() {
        return redis.incr(EPOCH_KEY).toCompletableFuture().thenCompose(epoch -> {
            if (epoch >= EPOCH_RESET_THRESHOLD) {
                return redis.set(EPOCH_KEY, "0").toCompletableFuture().thenApply(ok -> epoch);
            }
            return CompletableFuture.completedFuture(epoch);
        });
    }

    @Override
    public CompletableFuture<Void> putToken(String token, Duration ttl) {
        return redis.set(tokenKey(token), "1", SetArgs.Builder.px(ttl.toMillis())).toCompletableFuture()
                .thenApply(ok -> null);
    }

    @Override
    public CompletableFuture<Boolean> hasToken(String token) {
        return redis.exists(tokenKey(token)).toCompletableFuture().thenApply(n -> n != null && n > 0);
    }

    @Override
    public void close() {
        connection.close();
        client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    }
}
