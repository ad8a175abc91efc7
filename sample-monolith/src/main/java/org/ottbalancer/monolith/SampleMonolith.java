package org.ottbalancer.monolith;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.ottbalancer.monolith.app.BenchApp;
import org.ottbalancer.monolith.app.WatchPartyApp;
import org.ottbalancer.monolith.config.MonolithConfig;
import org.ottbalancer.monolith.http.HttpServer;
import org.ottbalancer.monolith.link.BalancingServer;
import org.ottbalancer.monolith.metrics.MonolithMetrics;
import org.ottbalancer.monolith.net.Transport;
import org.ottbalancer.monolith.rooms.RoomManager;
import org.ottbalancer.monolith.rooms.RoomNames;
import org.ottbalancer.monolith.rooms.SavedRoom;
import org.ottbalancer.monolith.store.RoomStore;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.RoomName;
import org.ottbalancer.protocol.UnloadReason;
import org.ottbalancer.protocol.Visibility;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running sample monolith: HTTP port, balancing port, rooms. Start one with
 * {@link #start(MonolithConfig, RoomStore)}; several may share one store, like OTT monoliths
 * sharing Redis. {@link #close()} shuts down the way OTT does on SIGTERM.
 */
public final class SampleMonolith implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SampleMonolith.class);
    /** How long shutdown waits for balancer links to close. */
    static final Duration LINK_CLOSE_WAIT = Duration.ofSeconds(10);

    private final UUID id;
    private final MonolithConfig config;
    private final RoomStore store;
    private final MonolithMetrics metrics;
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final EventExecutor core;
    private final RoomManager rooms;
    private final HttpServer http;
    private final BalancingServer balancing;
    private final ScheduledFuture<?> gossip;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final CompletableFuture<Void> terminated = new CompletableFuture<>();

    private SampleMonolith(UUID id, MonolithConfig config, RoomStore store, MonolithMetrics metrics, EventLoopGroup boss,
                           EventLoopGroup workers, EventExecutor core, RoomManager rooms, HttpServer http,
                           BalancingServer balancing, ScheduledFuture<?> gossip) {
        this.id = id;
        this.config = config;
        this.store = store;
        this.metrics = metrics;
        this.boss = boss;
        this.workers = workers;
        this.core = core;
        this.rooms = rooms;
        this.http = http;
        this.balancing = balancing;
        this.gossip = gossip;
    }

    /**
     * Binds both ports (HTTP first, so that {@code init} carries the real HTTP port) and starts
     * gossiping. The store is not closed by {@link #close()}: it may be shared.
     *
     * @throws IllegalStateException if a port cannot be bound
     */
    public static SampleMonolith start(MonolithConfig config, RoomStore store) {
        UUID id = UUID.randomUUID();
        Transport transport = Transport.detect();
        EventLoopGroup boss = transport.newGroup(1, "monolith-accept");
        EventLoopGroup workers = transport.newGroup(0, "monolith-io");
        EventExecutor core = new DefaultEventExecutor(new DefaultThreadFactory("monolith-rooms", true));
        MonolithMetrics metrics = new MonolithMetrics();
        RoomManager rooms = new RoomManager(core, store, config.bench() ? new BenchApp() : new WatchPartyApp(), metrics,
                config.saveDelay(), config.keepaliveTimeout(), config.flushOnUnload());
        HttpServer http = null;
        try {
            http = HttpServer.start(transport, boss, workers, new InetSocketAddress(config.bindAddress(), config.httpPort()),
                    rooms, store, metrics);
            M2B.Init init = new M2B.Init(http.port(), config.region(), id);
            BalancingServer balancing = BalancingServer.start(transport, boss, workers,
                    new InetSocketAddress(config.bindAddress(), config.balancingPort()), init, rooms,
                    config.balancerInitTimeout());
            long every = config.gossipInterval().toMillis();
            ScheduledFuture<?> gossip = core.scheduleAtFixedRate(rooms::broadcastGossip, every, every, TimeUnit.MILLISECONDS);
            LOG.info("monolith {} serving HTTP on {}:{} and balancers on {}:{} (region {}, {} mode)", id,
                    config.bindAddress(), http.port(), config.bindAddress(), balancing.port(), config.region(),
                    config.bench() ? "benchmark" : "watch-party");
            return new SampleMonolith(id, config, store, metrics, boss, workers, core, rooms, http, balancing, gossip);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            shutdownGroups(boss, workers, core);
            throw new IllegalStateException("interrupted while binding", e);
        } catch (RuntimeException e) {
            if (http != null) {
                http.stopAccepting();
            }
            shutdownGroups(boss, workers, core);
            throw new IllegalStateException("cannot start monolith on " + config.bindAddress() + " (HTTP port "
                    + config.httpPort() + ", balancing port " + config.balancingPort() + "): " + e.getMessage(), e);
        }
    }

    /** The random id this monolith sends in {@code init}. */
    public UUID id() {
        return id;
    }

    /** The bound HTTP port (the real one when configured as 0). */
    public int httpPort() {
        return http.port();
    }

    /** The bound balancing port (the real one when configured as 0). */
    public int balancingPort() {
        return balancing.port();
    }

    public MonolithConfig config() {
        return config;
    }

    public RoomStore store() {
        return store;
    }

    /** This monolith's own meter registry (also served at {@code /metrics}). */
    public MeterRegistry meterRegistry() {
        return metrics.registry();
    }

    public MonolithMetrics metrics() {
        return metrics;
    }

    /**
     * Creates a permanent room, saves it and loads it here (a {@code loaded} goes to every linked
     * balancer), as {@code POST /api/room} does. Completes with {@code false} if the name is taken.
     *
     * @throws IllegalArgumentException at once if the name breaks the room-name rule
     */
    public CompletableFuture<Boolean> createRoom(String name, Visibility visibility) {
        return rooms.createRoom(fresh(name, visibility)).thenApply(r -> r == RoomManager.CreateResult.CREATED);
    }

    /**
     * Saves a permanent room in the store without loading it anywhere, so that the first join
     * decides where it lives. Completes with {@code false} if the name is taken.
     */
    public CompletableFuture<Boolean> createStoredRoom(String name, Visibility visibility) {
        return rooms.storeRoom(fresh(name, visibility)).thenApply(r -> r == RoomManager.CreateResult.CREATED);
    }

    /** Names of the rooms this monolith holds. */
    public CompletableFuture<List<RoomName>> loadedRooms() {
        return rooms.loadedRooms();
    }

    private static SavedRoom fresh(String name, Visibility visibility) {
        if (!RoomNames.isValid(name)) {
            throw new IllegalArgumentException("invalid room name \"" + name + "\": " + RoomNames.rule());
        }
        return SavedRoom.fresh(name, "", false, visibility.wire(), System.currentTimeMillis());
    }

    /** Completes once {@link #close()} has finished. */
    public CompletableFuture<Void> terminated() {
        return terminated;
    }

    /**
     * Shuts down as OTT does on SIGTERM: stops accepting, closes every balancer link with 1001
     * "Server shutting down" (waiting up to 10 s), kicks the remaining clients with 1001, waits
     * {@code shutdown_kick_wait} (1 s by default), unloads every room with reason {@code Shutdown}
     * (pending saves are dropped unless {@code flush_on_unload}), and stops its threads. Blocks;
     * idempotent.
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            terminated.join();
            return;
        }
        try {
            gossip.cancel(false);
            http.stopAccepting();
            balancing.stopAccepting();
            rooms.beginShutdown().join();
            balancing.links().closeAll(LINK_CLOSE_WAIT);
            rooms.dropLinks().join();
            rooms.kickAll(RoomManager.KICK_GOING_AWAY).join();
            sleep(config.shutdownKickWait());
            rooms.unloadAll(UnloadReason.Shutdown).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            LOG.warn("shutdown of monolith {} was not clean: {}", id, e.toString());
        } finally {
            shutdownGroups(boss, workers, core);
            LOG.info("monolith {} stopped", id);
            terminated.complete(null);
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void shutdownGroups(EventLoopGroup boss, EventLoopGroup workers, EventExecutor core) {
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        core.shutdownGracefully(0, 2, TimeUnit.SECONDS);
        boss.terminationFuture().awaitUninterruptibly(3, TimeUnit.SECONDS);
        workers.terminationFuture().awaitUninterruptibly(3, TimeUnit.SECONDS);
        core.terminationFuture().awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
