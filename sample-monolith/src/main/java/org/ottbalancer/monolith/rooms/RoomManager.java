package org.ottbalancer.monolith.rooms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.util.concurrent.EventExecutor;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.ottbalancer.monolith.metrics.MonolithMetrics;
import org.ottbalancer.monolith.store.RoomStore;
import org.ottbalancer.protocol.GossipEntry;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.RawJson;
import org.ottbalancer.protocol.RoomName;
import org.ottbalancer.protocol.UnloadReason;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Owns the loaded rooms, their clients and the balancer links, the way OTT's room manager does:
 * get-or-load on join, {@code loaded}/{@code unloaded}/{@code gossip} to balancers, debounced saves,
 * keepalive unloads.
 *
 * <p>All state lives on one executor (OTT itself is single-threaded); public methods may be called
 * from any thread and hop onto it. Store calls complete elsewhere and hop back, so no event loop
 * ever waits for the store.
 */
public final class RoomManager implements RoomHost {
    private static final Logger LOG = LoggerFactory.getLogger(RoomManager.class);
    /** Messages a client may send while its join is still being checked; more are dropped. */
    private static final int PENDING_MESSAGE_LIMIT = 256;
    /** Close code of OTT's MISSING_TOKEN kick. */
    public static final int KICK_MISSING_TOKEN = 4004;
    /** Close code of OTT's ROOM_NOT_FOUND kick. */
    public static final int KICK_ROOM_NOT_FOUND = 4002;
    /** Close code of OTT's ROOM_UNLOADED kick (Keepalive and Admin unloads). */
    public static final int KICK_ROOM_UNLOADED = 4003;
    /** Close code for "going away": commanded unload and shutdown. */
    public static final int KICK_GOING_AWAY = 1001;

    private final EventExecutor executor;
    private final RoomStore store;
    private final RoomApp app;
    private final MonolithMetrics metrics;
    private final Duration saveDelay;
    private final Duration keepaliveTimeout;
    private final boolean flushOnUnload;
    private final ObjectMapper json = new ObjectMapper().configure(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES, false);

    private final Set<LinkChannel> links = new LinkedHashSet<>();
    private final Map<RoomName, Room> rooms = new LinkedHashMap<>();
    private final Map<RoomName, CompletableFuture<Optional<Room>>> loading = new HashMap<>();
    private final Map<UUID, Member> clients = new HashMap<>();
    private final Map<UUID, PendingJoin> pendingJoins = new HashMap<>();
    private boolean shuttingDown;

    /** A join whose token and room are still being looked up; messages meanwhile are kept in order. */
    private static final class PendingJoin {
        final ClientChannel channel;
        final String token;
        final List<RawJson> messages = new ArrayList<>();
        boolean cancelled;

        PendingJoin(ClientChannel channel, String token) {
            this.channel = channel;
            this.token = token;
        }
    }

    /** Outcome of creating a room. */
    public enum CreateResult { CREATED, ALREADY_EXISTS }

    public RoomManager(EventExecutor executor, RoomStore store, RoomApp app, MonolithMetrics metrics,
                       Duration saveDelay, Duration keepaliveTimeout, boolean flushOnUnload) {
        this.executor = executor;
        this.store = store;
        this.app = app;
        this.metrics = metrics;
        this.saveDelay = saveDelay;
        this.keepaliveTimeout = keepaliveTimeout;
        this.flushOnUnload = flushOnUnload;
    }

    public EventExecutor executor() {
        return executor;
    }

    // ================================================================ balancer links

    /** A link finished its handshake: it now gets broadcasts, starting with a full gossip. */
    public void linkReady(LinkChannel link) {
        executor.execute(() -> {
            if (shuttingDown) {
                return;
            }
            links.add(link);
            metrics.balancerLinks(links.size());
            link.send(gossipMessage());
        });
    }

    /** A link is gone: every client that came through it has left. */
    public void linkClosed(LinkChannel link) {
        executor.execute(() -> {
            links.remove(link);
            metrics.balancerLinks(links.size());
            for (PendingJoin p : pendingJoins.values()) {
                if (p.channel.link().filter(link::equals).isPresent()) {
                    p.cancelled = true;
                }
            }
            pendingJoins.values().removeIf(p -> p.cancelled);
            List<Member> gone = new ArrayList<>();
            for (Member m : clients.values()) {
                if (m.channel().link().filter(link::equals).isPresent()) {
                    gone.add(m);
                }
            }
            for (Member m : gone) {
                removeMember(m);
            }
        });
    }

    /** Sends the full gossip to every link. */
    public void broadcastGossip() {
        executor.execute(() -> sendToLinks(gossipMessage()));
    }

    private M2B.Gossip gossipMessage() {
        List<GossipEntry> entries = new ArrayList<>(rooms.size());
        for (Room r : rooms.values()) {
            entries.add(new GossipEntry(r.metadata(), r.loadEpoch()));
        }
        return new M2B.Gossip(entries);
    }

    private void sendToLinks(M2B message) {
        for (LinkChannel l : links) {
            l.send(message);
        }
    }

    // ================================================================ clients

    /**
     * A client wants to join {@code roomName}: check the token (kick 4004), get or load the room
     * (kick 4002 when it does not exist; rooms are never created by joining), then let the app
     * greet it. A second join with a known client id replaces the earlier session.
     */
    public void join(UUID client, RoomName roomName, String token, ClientChannel channel) {
        executor.execute(() -> {
            if (shuttingDown) {
                channel.kick(client, KICK_GOING_AWAY);
                return;
            }
            Member existing = clients.get(client);
            if (existing != null) {
                LOG.info("client {} joined again; its earlier session in {} ends", client, existing.room().name());
                removeMember(existing);
            }
            PendingJoin earlier = pendingJoins.remove(client);
            if (earlier != null) {
                earlier.cancelled = true;
            }
            PendingJoin pending = new PendingJoin(channel, token);
            pendingJoins.put(client, pending);
            CompletableFuture<Boolean> tokenOk = token.isEmpty()
                    ? CompletableFuture.completedFuture(false)
                    : store.hasToken(token);
            tokenOk.whenCompleteAsync((ok, err) -> {
                if (pending.cancelled) {
                    return;
                }
                if (err != null || !ok) {
                    if (err != null) {
                        LOG.warn("token lookup for client {} failed: {}", client, err.toString());
                    }
                    abortJoin(client, pending, KICK_MISSING_TOKEN);
                    return;
                }
                getOrLoad(roomName).whenCompleteAsync((room, loadErr) -> {
                    if (pending.cancelled) {
                        return;
                    }
                    if (loadErr != null || room.isEmpty()) {
                        if (loadErr != null) {
                            LOG.warn("loading room {} for client {} failed: {}", roomName, client, loadErr.toString());
                        }
                        abortJoin(client, pending, KICK_ROOM_NOT_FOUND);
                        return;
                    }
                    completeJoin(client, pending, room.get());
                }, executor);
            }, executor);
        });
    }

    private void abortJoin(UUID client, PendingJoin pending, int code) {
        pendingJoins.remove(client, pending);
        pending.channel.kick(client, code);
    }

    private void completeJoin(UUID client, PendingJoin pending, Room room) {
        pendingJoins.remove(client, pending);
        if (shuttingDown) {
            pending.channel.kick(client, KICK_GOING_AWAY);
            return;
        }
        cancelKeepalive(room);
        Member member = room.add(client, pending.channel, pending.token);
        clients.put(client, member);
        metrics.clientJoined(pending.channel.clientType());
        app.joined(room, member);
        for (RawJson m : pending.messages) {
            if (clients.get(client) != member) {
                break;
            }
            app.message(room, member, m);
        }
    }

    /** A client's connection ended. */
    public void leave(UUID client) {
        executor.execute(() -> {
            PendingJoin pending = pendingJoins.remove(client);
            if (pending != null) {
                pending.cancelled = true;
                return;
            }
            Member m = clients.get(client);
            if (m == null) {
                LOG.warn("leave for unknown client {}", client);
                return;
            }
            removeMember(m);
        });
    }

    /**
     * A client sent {@code payload}. Strings, numbers and booleans are dropped as OTT drops them;
     * messages of a client whose join is still pending wait for it.
     */
    public void clientMessage(UUID client, RawJson payload) {
        if (!isObjectArrayOrNull(payload)) {
            LOG.debug("dropping non-object message from client {}", client);
            return;
        }
        executor.execute(() -> {
            PendingJoin pending = pendingJoins.get(client);
            if (pending != null) {
                if (pending.messages.size() < PENDING_MESSAGE_LIMIT) {
                    pending.messages.add(payload);
                } else {
                    LOG.warn("client {} sent more than {} messages before its join completed; dropping", client,
                            PENDING_MESSAGE_LIMIT);
                }
                return;
            }
            Member m = clients.get(client);
            if (m == null) {
                LOG.warn("message from unknown client {}", client);
                return;
            }
            app.message(m.room(), m, payload);
        });
    }

    static boolean isObjectArrayOrNull(RawJson payload) {
        byte[] a = payload.array();
        for (int i = payload.offset(); i < payload.offset() + payload.length(); i++) {
            byte b = a[i];
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                continue;
            }
            return b == '{' || b == '[' || b == 'n';
        }
        return false;
    }

    @Override
    public void kick(Member member, int code) {
        if (clients.get(member.id()) != member) {
            return;
        }
        member.channel().kick(member.id(), code);
        removeMember(member);
    }

    private void removeMember(Member m) {
        clients.remove(m.id(), m);
        Room room = m.room();
        room.remove(m);
        metrics.clientGone(m.channel().clientType());
        if (rooms.get(room.name()) == room) {
            app.left(room, m);
            if (room.userCount() == 0) {
                scheduleKeepalive(room);
            }
        }
    }

    // ================================================================ loading and creating

    private CompletableFuture<Optional<Room>> getOrLoad(RoomName name) {
        Room loaded = rooms.get(name);
        if (loaded != null) {
            return CompletableFuture.completedFuture(Optional.of(loaded));
        }
        CompletableFuture<Optional<Room>> inFlight = loading.get(name);
        if (inFlight != null) {
            return inFlight;
        }
        CompletableFuture<Optional<Room>> result = new CompletableFuture<>();
        loading.put(name, result);
        store.loadRoom(name).thenCompose(saved -> saved.isEmpty()
                        ? CompletableFuture.completedFuture((Loaded) null)
                        : store.nextLoadEpoch().thenApply(epoch -> new Loaded(saved.get(), epoch)))
                .whenCompleteAsync((l, err) -> {
                    loading.remove(name, result);
                    if (err != null) {
                        result.completeExceptionally(err);
                    } else if (l == null) {
                        result.complete(Optional.empty());
                    } else {
                        result.complete(parse(name, l.json()).map(saved -> install(saved, l.epoch())));
                    }
                }, executor);
        return result;
    }

    private record Loaded(String json, long epoch) {
    }

    private Optional<SavedRoom> parse(RoomName name, String stateJson) {
        try {
            SavedRoom saved = json.readValue(stateJson, SavedRoom.class);
            if (saved.name() == null || !RoomName.of(saved.name()).equals(name)) {
                LOG.error("stored state of room {} names another room ({}); treating the room as missing", name, saved.name());
                return Optional.empty();
            }
            return Optional.of(saved);
        } catch (JsonProcessingException | RuntimeException e) {
            LOG.error("stored state of room {} is unreadable; treating the room as missing: {}", name, e.getMessage());
            return Optional.empty();
        }
    }

    /** Adds a room to memory and announces it; a room already held is returned unchanged. */
    private Room install(SavedRoom saved, long epoch) {
        RoomName name = RoomName.of(saved.name());
        Room existing = rooms.get(name);
        if (existing != null) {
            return existing;
        }
        Room room = new Room(saved, name, epoch, this);
        rooms.put(name, room);
        metrics.roomsLoaded(rooms.size());
        metrics.roomAdded();
        sendToLinks(new M2B.Loaded(room.metadata(), epoch));
        scheduleKeepalive(room);
        return room;
    }

    /** Creates a permanent room, saved at once, and loads it here (as {@code POST /api/room} does in OTT). */
    public CompletableFuture<CreateResult> createRoom(SavedRoom fresh) {
        return supplyOnExecutor(() -> {
            RoomName name = RoomName.of(fresh.name());
            if (rooms.containsKey(name) || loading.containsKey(name)) {
                return CompletableFuture.completedFuture(CreateResult.ALREADY_EXISTS);
            }
            return store.createRoom(name, serialise(fresh))
                    .thenCompose(created -> created
                            ? store.nextLoadEpoch().thenApplyAsync(epoch -> {
                                install(fresh, epoch);
                                return CreateResult.CREATED;
                            }, executor)
                            : CompletableFuture.completedFuture(CreateResult.ALREADY_EXISTS));
        });
    }

    /** Saves a permanent room without loading it anywhere. */
    public CompletableFuture<CreateResult> storeRoom(SavedRoom fresh) {
        return store.createRoom(RoomName.of(fresh.name()), serialise(fresh))
                .thenApply(created -> created ? CreateResult.CREATED : CreateResult.ALREADY_EXISTS);
    }

    /**
     * Creates a temporary room that lives only in this monolith's memory until its first debounced
     * save, as OTT's generated rooms do (spec §12.1). Without debounced saves (benchmark mode) it is
     * saved at once so that other monoliths can load it.
     */
    public CompletableFuture<CreateResult> generateRoom(SavedRoom fresh) {
        return supplyOnExecutor(() -> {
            RoomName name = RoomName.of(fresh.name());
            if (rooms.containsKey(name) || loading.containsKey(name)) {
                return CompletableFuture.completedFuture(CreateResult.ALREADY_EXISTS);
            }
            CompletableFuture<Boolean> free = app.persistsChanges()
                    ? store.loadRoom(name).thenApply(Optional::isEmpty)
                    : store.createRoom(name, serialise(fresh));
            return free.thenCompose(ok -> ok
                    ? store.nextLoadEpoch().thenApplyAsync(epoch -> {
                        if (rooms.containsKey(name)) {
                            return CreateResult.ALREADY_EXISTS;
                        }
                        Room room = install(fresh, epoch);
                        changed(room);
                        return CreateResult.CREATED;
                    }, executor)
                    : CompletableFuture.completedFuture(CreateResult.ALREADY_EXISTS));
        });
    }

    /** Loads a room a balancer asked for, if it exists and is not loaded yet. */
    public void loadCommanded(RoomName name) {
        executor.execute(() -> {
            if (shuttingDown || rooms.containsKey(name)) {
                return;
            }
            getOrLoad(name).whenComplete((room, err) -> {
                if (err != null) {
                    LOG.warn("commanded load of {} failed: {}", name, err.toString());
                } else if (room.isEmpty()) {
                    LOG.warn("commanded load of unknown room {}", name);
                }
            });
        });
    }

    // ================================================================ saving

    @Override
    public void changed(Room room) {
        if (!app.persistsChanges()) {
            return;
        }
        room.dirty = true;
        if (room.saveTimer == null) {
            room.saveTimer = executor.schedule(() -> {
                room.saveTimer = null;
                save(room);
            }, saveDelay.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    private CompletableFuture<Void> save(Room room) {
        if (!room.dirty) {
            return CompletableFuture.completedFuture(null);
        }
        room.dirty = false;
        String state = serialise(room.snapshot());
        return store.saveRoom(room.name(), state).whenCompleteAsync((v, err) -> {
            if (err != null) {
                metrics.saveFailed();
                LOG.error("saving room {} failed: {}", room.name(), err.toString());
            } else {
                metrics.saved();
            }
        }, executor).exceptionally(err -> null);
    }

    private String serialise(SavedRoom saved) {
        try {
            return json.writeValueAsString(saved);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("room state always serialises", e);
        }
    }

    // ================================================================ unloading

    /** A balancer ordered the room dropped (reason {@code Commanded}). */
    public void unloadCommanded(RoomName name) {
        executor.execute(() -> {
            Room room = rooms.get(name);
            if (room == null) {
                LOG.error("balancer asked to unload {}, which is not loaded here", name);
                return;
            }
            unload(room, UnloadReason.Commanded);
        });
    }

    /**
     * Drops a room: kicks its members (4003 for Keepalive/Admin, 1001 for Commanded/Shutdown),
     * then announces {@code unloaded}. A pending save is written first for Keepalive/Admin
     * (nothing races an idle room) and for Commanded/Shutdown only when {@code flush_on_unload} is
     * on; OTT drops it, so the store keeps the last debounced save (spec §12.3).
     */
    private CompletableFuture<Void> unload(Room room, UnloadReason reason) {
        if (rooms.get(room.name()) != room) {
            return CompletableFuture.completedFuture(null);
        }
        boolean goingAway = reason == UnloadReason.Commanded || reason == UnloadReason.Shutdown;
        int code = goingAway ? KICK_GOING_AWAY : KICK_ROOM_UNLOADED;
        for (Member m : new ArrayList<>(room.members())) {
            clients.remove(m.id(), m);
            room.remove(m);
            metrics.clientGone(m.channel().clientType());
            m.channel().kick(m.id(), code);
        }
        rooms.remove(room.name());
        metrics.roomsLoaded(rooms.size());
        cancelKeepalive(room);
        if (room.saveTimer != null) {
            room.saveTimer.cancel(false);
            room.saveTimer = null;
        }
        boolean flush = room.dirty && (!goingAway || flushOnUnload);
        CompletableFuture<Void> saved = flush ? save(room) : CompletableFuture.completedFuture(null);
        if (room.dirty && !flush) {
            LOG.info("room {} unloaded ({}) with unsaved changes: revision {} is lost, the store keeps the last save",
                    room.name(), reason, room.revision());
        }
        return saved.thenRunAsync(() -> {
            sendToLinks(new M2B.Unloaded(room.name(), reason));
            metrics.roomUnloaded(reason);
        }, executor);
    }

    private void scheduleKeepalive(Room room) {
        cancelKeepalive(room);
        room.keepaliveTimer = executor.schedule(() -> {
            room.keepaliveTimer = null;
            if (rooms.get(room.name()) != room) {
                return;
            }
            if (room.userCount() > 0) {
                LOG.error("keepalive fired for room {} with {} users; not unloading", room.name(), room.userCount());
                return;
            }
            unload(room, UnloadReason.Keepalive);
        }, keepaliveTimeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    private static void cancelKeepalive(Room room) {
        if (room.keepaliveTimer != null) {
            room.keepaliveTimer.cancel(false);
            room.keepaliveTimer = null;
        }
    }

    // ================================================================ shutdown

    /** Stops accepting joins and links; later joins are kicked with 1001. */
    public CompletableFuture<Void> beginShutdown() {
        return runOnExecutor(() -> shuttingDown = true);
    }

    /** Kicks every client with {@code code}, without telling the rooms (they are about to go). */
    public CompletableFuture<Void> kickAll(int code) {
        return runOnExecutor(() -> {
            for (PendingJoin p : pendingJoins.values()) {
                p.cancelled = true;
            }
            pendingJoins.clear();
            for (Room room : rooms.values()) {
                for (Member m : new ArrayList<>(room.members())) {
                    clients.remove(m.id(), m);
                    room.remove(m);
                    metrics.clientGone(m.channel().clientType());
                    m.channel().kick(m.id(), code);
                }
            }
        });
    }

    /** Unloads every room with {@code reason}; completes when all are gone. */
    public CompletableFuture<Void> unloadAll(UnloadReason reason) {
        return supplyOnExecutor(() -> {
            List<CompletableFuture<Void>> all = new ArrayList<>();
            for (Room room : new ArrayList<>(rooms.values())) {
                all.add(unload(room, reason));
            }
            return CompletableFuture.allOf(all.toArray(CompletableFuture[]::new));
        });
    }

    /** Forgets every balancer link (they are being closed). */
    public CompletableFuture<Void> dropLinks() {
        return runOnExecutor(() -> {
            links.clear();
            metrics.balancerLinks(0);
        });
    }

    // ================================================================ queries

    /** A room as the HTTP API shows it: from memory if loaded here, else from the store. */
    public CompletableFuture<Optional<RoomInfo>> describe(RoomName name) {
        return supplyOnExecutor(() -> {
            Room room = rooms.get(name);
            if (room != null) {
                return CompletableFuture.completedFuture(Optional.of(RoomInfo.of(room)));
            }
            return store.loadRoom(name).thenApplyAsync(s -> s.flatMap(j -> parse(name, j)).map(RoomInfo::of), executor);
        });
    }

    /** Public rooms loaded here, most users first, then by name. */
    public CompletableFuture<List<RoomInfo>> publicRooms() {
        return supplyOnExecutor(() -> {
            List<RoomInfo> list = new ArrayList<>();
            for (Room r : rooms.values()) {
                if (r.visibility() == org.ottbalancer.protocol.Visibility.PUBLIC) {
                    list.add(RoomInfo.of(r));
                }
            }
            list.sort(Comparator.comparingInt(RoomInfo::users).reversed()
                    .thenComparing(i -> RoomName.of(i.name()).key()));
            return CompletableFuture.completedFuture(list);
        });
    }

    /** Names of the rooms loaded here. */
    public CompletableFuture<List<RoomName>> loadedRooms() {
        return supplyOnExecutor(() -> CompletableFuture.completedFuture(new ArrayList<>(rooms.keySet())));
    }

    private CompletableFuture<Void> runOnExecutor(Runnable r) {
        return supplyOnExecutor(() -> {
            r.run();
            return CompletableFuture.completedFuture(null);
        });
    }

    private <T> CompletableFuture<T> supplyOnExecutor(Supplier<CompletableFuture<T>> work) {
        CompletableFuture<T> result = new CompletableFuture<>();
        try {
            executor.execute(() -> {
                try {
                    work.get().whenComplete((v, err) -> {
                        if (err != null) {
                            result.completeExceptionally(err);
                        } else {
                            result.complete(v);
                        }
                    });
                } catch (RuntimeException e) {
                    result.completeExceptionally(e);
                }
            });
        } catch (RuntimeException rejected) {
            result.completeExceptionally(rejected);
        }
        return result;
    }
}
