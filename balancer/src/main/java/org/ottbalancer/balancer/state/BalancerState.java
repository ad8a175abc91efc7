package org.ottbalancer.balancer.state;

import io.netty.bootstrap.Bootstrap;
import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.ottbalancer.balancer.client.ClientGateway;
import org.ottbalancer.balancer.client.ClientHandler;
import org.ottbalancer.balancer.client.ClientSession;
import org.ottbalancer.balancer.client.ClientSession.EndReason;
import org.ottbalancer.balancer.config.Limits;
import org.ottbalancer.balancer.config.MigrationConfig;
import org.ottbalancer.balancer.discovery.DiscoveryDiff;
import org.ottbalancer.balancer.discovery.DiscoveryListener;
import org.ottbalancer.balancer.link.ClientDirectory;
import org.ottbalancer.balancer.link.LinkListener;
import org.ottbalancer.balancer.link.LocalRoom;
import org.ottbalancer.balancer.link.MonolithConnector;
import org.ottbalancer.balancer.link.MonolithLink;
import org.ottbalancer.balancer.metrics.BalancerMetrics;
import org.ottbalancer.balancer.net.CloseCodes;
import org.ottbalancer.balancer.observe.StateEvents;
import org.ottbalancer.balancer.routing.EpochDecision;
import org.ottbalancer.balancer.routing.EpochRule;
import org.ottbalancer.balancer.routing.Placement;
import org.ottbalancer.balancer.routing.RoomLocator;
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.GossipEntry;
import org.ottbalancer.protocol.LoadEpoch;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.RoomMetadata;
import org.ottbalancer.protocol.RoomName;
import org.ottbalancer.protocol.registry.MonolithEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The balancer's routing state and the rules that change it: which monoliths are linked, which
 * room lives where, which clients are in which room.
 *
 * <p>Every change happens on one control thread, in order (the role of upstream's dispatcher), so
 * the rules need no locks; the data path (relaying and fan-out on the links' and clients' event
 * loops) only reads the concurrent maps and never waits for the control thread. Nothing here ever
 * waits on the network.
 */
public final class BalancerState implements ClientGateway, LinkListener, ClientDirectory, DiscoveryListener {
    private static final Logger LOG = LoggerFactory.getLogger(BalancerState.class);

    /**
     * How long a room the balancer placed itself survives being absent from the monolith's gossip.
     * The gossip may have been built before the monolith processed the join that created the room
     * (upstream then disconnects those clients); a real room is reported by {@code loaded} well
     * within this time.
     */
    static final long PLACEHOLDER_GRACE_NANOS = TimeUnit.SECONDS.toNanos(30);

    /** How long clients let go by a monolith wait for its {@code unloaded} before moving anyway. */
    static final long FALLBACK_MILLIS = 2000;

    private final EventExecutor control;
    private final Placement placement;
    private final BalancerMetrics metrics;
    private final StateEvents events;
    private final UUID balancerId;
    private final Limits limits;
    private final MigrationConfig migration;
    private final Bootstrap linkBootstrap;

    private final Map<UUID, MonolithLink> monoliths = new ConcurrentHashMap<>();
    private final Map<RoomName, RoomLocator> rooms = new ConcurrentHashMap<>();
    private final Map<UUID, ClientSession> clients = new ConcurrentHashMap<>();
    private final Map<RoomName, Long> placeholderSince = new HashMap<>();
    private final Map<String, MonolithConnector> connectors = new HashMap<>();
    private final Map<RoomName, Move> moves = new HashMap<>();
    private List<MonolithEntry> discovered = List.of();
    private boolean stopped;

    public BalancerState(EventExecutor control, Placement placement, BalancerMetrics metrics, StateEvents events,
            UUID balancerId, Limits limits, MigrationConfig migration, Bootstrap linkBootstrap) {
        this.control = control;
        this.placement = placement;
        this.metrics = metrics;
        this.events = events;
        this.balancerId = balancerId;
        this.limits = limits;
        this.migration = migration;
        this.linkBootstrap = linkBootstrap;
    }

    /**
     * Runs a state change on the control thread. Events that arrive after shutdown began (links
     * and clients closing as the process stops) have nothing left to change and are dropped.
     */
    private void onControl(Runnable change) {
        if (control.isShuttingDown()) {
            return;
        }
        try {
            control.execute(change);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            LOG.debug("state change after shutdown ignored");
        }
    }

    // ------------------------------------------------------------------ read side (any thread)

    @Override
    public ClientSession client(UUID id) {
        return clients.get(id);
    }

    public Collection<MonolithLink> monoliths() {
        return monoliths.values();
    }

    public Map<RoomName, RoomLocator> roomMappings() {
        return rooms;
    }

    public int clientCount() {
        return clients.size();
    }

    public boolean hasMonoliths() {
        return !monoliths.isEmpty();
    }

    /**
     * The monolith an HTTP request for {@code room} should go to: the room's owner, else the one
     * placement would choose (without creating a mapping; the monolith reports the room if it
     * loads it).
     */
    public Optional<MonolithLink> routeHttpForRoom(RoomName room) {
        RoomLocator l = rooms.get(room);
        if (l != null) {
            MonolithLink owner = monoliths.get(l.monolith());
            if (owner != null) {
                return Optional.of(owner);
            }
        }
        return placement.place(room, List.copyOf(monoliths.values()));
    }

    /** A monolith for requests that are not about a room. */
    public Optional<MonolithLink> routeHttpOther() {
        return placement.randomAny(List.copyOf(monoliths.values()));
    }

    // ------------------------------------------------------------------ discovery

    @Override
    public void onMonoliths(List<MonolithEntry> current) {
        onControl(() -> applyDiscovery(current));
    }

    @Override
    public void onError(String description, Throwable cause) {
        LOG.warn("discovery failed: {}", description);
    }

    private void applyDiscovery(List<MonolithEntry> current) {
        if (stopped) {
            return;
        }
        DiscoveryDiff diff = DiscoveryDiff.between(discovered, current);
        discovered = List.copyOf(current);
        for (MonolithEntry removed : diff.removed()) {
            MonolithConnector c = connectors.remove(removed.endpoint());
            if (c != null) {
                LOG.info("monolith at {} is no longer discovered", removed.endpoint());
                c.cancel();
            }
        }
        for (MonolithEntry changed : diff.changed()) {
            MonolithConnector c = connectors.get(changed.endpoint());
            if (c != null) {
                c.entry(changed);
            }
            for (MonolithLink link : monoliths.values()) {
                if (link.endpoint().equals(changed.endpoint())) {
                    applyEntry(link, changed);
                }
            }
        }
        for (MonolithEntry added : diff.added()) {
            MonolithConnector c = new MonolithConnector(added, linkBootstrap, this, this, metrics, events, balancerId, limits);
            connectors.put(added.endpoint(), c);
            LOG.info("discovered a monolith at {}", added.endpoint());
            c.start();
        }
        metrics.discoveryCycle(discovered.size());
        retryMoves();
    }

    private static void applyEntry(MonolithLink link, MonolithEntry entry) {
        if (link.draining() != entry.isDraining()) {
            LOG.info("{} is now {}", link, entry.state().wire());
        }
        link.registryDraining(entry.isDraining());
        link.load(entry.load());
    }

    // ------------------------------------------------------------------ links

    @Override
    public void linkUp(MonolithLink link, MonolithConnector connector) {
        onControl(() -> {
            if (stopped || connectors.get(connector.endpoint()) != connector) {
                link.evict("its address is no longer discovered");
                return;
            }
            MonolithLink existing = monoliths.get(link.id());
            if (existing != null && existing != link && existing.isOpen()) {
                // One monolith reachable at two discovered addresses: one link is enough, a second
                // would deliver every broadcast twice.
                LOG.warn("{} is already linked at {}; dropping the second link", link, existing.endpoint());
                link.evict("duplicate link to the same monolith");
                return;
            }
            applyEntry(link, connector.entry());
            connector.linkAccepted();
            monoliths.put(link.id(), link);
            metrics.connectedMonoliths(monoliths.size());
            retryMoves();
        });
    }

    @Override
    public void linkDown(MonolithLink link) {
        onControl(() -> {
            if (!monoliths.remove(link.id(), link)) {
                return;
            }
            metrics.connectedMonoliths(monoliths.size());
            List<RoomName> lost = new ArrayList<>(link.rooms().keySet());
            for (RoomName name : lost) {
                dropRoom(link, name, EndReason.LINK_LOST);
            }
            link.rooms().clear();
            // Joins that were waiting for a room frozen on this monolith wait for a new home now.
            for (Move m : new ArrayList<>(moves.values())) {
                if (m.from.equals(link.id())) {
                    rehome(m.room);
                }
            }
        });
    }

    @Override
    public void roomState(MonolithLink link, M2B message) {
        onControl(() -> {
            if (monoliths.get(link.id()) != link) {
                return;
            }
            if (message instanceof M2B.Loaded loaded) {
                report(link, loaded.room(), loaded.loadEpoch(), false);
            } else if (message instanceof M2B.Unloaded unloaded) {
                dropRoom(link, unloaded.name(), EndReason.ROOM_UNLOADED);
            } else if (message instanceof M2B.Gossip gossip) {
                gossip(link, gossip);
            } else if (message instanceof M2B.Freeze freeze) {
                link.agentSeen();
                freeze(link, freeze);
            } else if (message instanceof M2B.Unfreeze unfreeze) {
                link.agentSeen();
                thaw(link, unfreeze.room());
            } else if (message instanceof M2B.Status status) {
                boolean draining = status.state() == org.ottbalancer.protocol.registry.MonolithState.DRAINING;
                if (draining != link.draining()) {
                    LOG.info("{} announces it is {}", link, status.state().wire());
                }
                link.agentDraining(draining);
                retryMoves();
            }
        });
    }

    private void gossip(MonolithLink link, M2B.Gossip gossip) {
        Set<RoomName> reported = new HashSet<>();
        for (GossipEntry e : gossip.rooms()) {
            reported.add(e.room().name());
        }
        List<RoomName> absent = new ArrayList<>();
        long now = System.nanoTime();
        for (LocalRoom room : link.rooms().values()) {
            if (!reported.contains(room.name()) && !isYoungPlaceholder(room, now)) {
                absent.add(room.name());
            }
        }
        for (GossipEntry e : gossip.rooms()) {
            report(link, e.room(), e.loadEpoch(), true);
        }
        for (RoomName name : absent) {
            dropRoom(link, name, EndReason.ROOM_UNLOADED);
        }
    }

    private boolean isYoungPlaceholder(LocalRoom room, long now) {
        Long since = placeholderSince.get(room.name());
        return room.metadata() == null && since != null && now - since < PLACEHOLDER_GRACE_NANOS;
    }

    /** A monolith reported holding a room ({@code loaded} or one gossip entry): spec §5.5. */
    private void report(MonolithLink reporter, RoomMetadata metadata, long epoch, boolean fromGossip) {
        decide(reporter, metadata, epoch, fromGossip);
        // Clients waiting for this room's new home may have just been given one.
        if (moves.containsKey(metadata.name())) {
            rehome(metadata.name());
        }
    }

    private void decide(MonolithLink reporter, RoomMetadata metadata, long epoch, boolean fromGossip) {
        RoomName name = metadata.name();
        RoomLocator existing = rooms.get(name);
        if (isSuccessorOfFrozenCopy(existing, reporter, name, epoch)) {
            // The room is frozen where it is mapped, so it is leaving that monolith, and another
            // balancer has already re-homed its clients here: this newer copy is its successor,
            // not a duplicate to unload. The frozen copy's agent unloads the old one.
            MonolithLink holder = monoliths.get(existing.monolith());
            LOG.info("room {} reported by {} while frozen on {}: following it there", name, reporter, holder);
            rooms.put(name, new RoomLocator(reporter.id(), epoch));
            placeholderSince.remove(name);
            reporter.rooms().computeIfAbsent(name, LocalRoom::new).metadata(metadata);
            dropLocal(holder, name, EndReason.ROOM_UNLOADED);
            return;
        }
        EpochDecision decision = EpochRule.decide(existing, reporter.id(), epoch);
        if (decision instanceof EpochDecision.Install install) {
            rooms.put(name, install.locator());
            placeholderSince.remove(name);
            reporter.rooms().computeIfAbsent(name, LocalRoom::new).metadata(metadata);
        } else if (decision instanceof EpochDecision.RejectReported) {
            LOG.info("{} reported room {} (epoch {}) that is older elsewhere; telling it to unload", reporter, name, epoch);
            reporter.send(new B2M.Unload(name));
            if (fromGossip) {
                dropLocal(reporter, name, EndReason.ROOM_REPLACED);
            }
        } else if (decision instanceof EpochDecision.ReplaceExisting replace) {
            MonolithLink loser = monoliths.get(replace.unloadFrom());
            LOG.info("{} holds the older copy of room {} (epoch {}); replacing {}", reporter, name, epoch, loser);
            rooms.put(name, new RoomLocator(reporter.id(), epoch));
            placeholderSince.remove(name);
            reporter.rooms().computeIfAbsent(name, LocalRoom::new).metadata(metadata);
            if (loser != null) {
                dropLocal(loser, name, EndReason.ROOM_REPLACED);
                loser.send(new B2M.Unload(name));
            }
        } else if (decision instanceof EpochDecision.Conflict) {
            LOG.error("room {} reported by {} with epoch {}, equal to the epoch of its copy on {}; keeping the existing copy",
                    name, reporter, epoch, existing.monolith());
            if (fromGossip) {
                dropLocal(reporter, name, EndReason.ROOM_REPLACED);
            }
        }
    }

    /**
     * Whether a report is the next home of a room that is leaving its mapped monolith: the mapped
     * copy is frozen for a move, and the reported copy was loaded after it (a larger epoch).
     */
    private boolean isSuccessorOfFrozenCopy(RoomLocator existing, MonolithLink reporter, RoomName name, long epoch) {
        if (existing == null || existing.monolith().equals(reporter.id()) || existing.epoch() >= epoch) {
            return false;
        }
        MonolithLink holder = monoliths.get(existing.monolith());
        LocalRoom copy = holder == null ? null : holder.rooms().get(name);
        return copy != null && copy.frozen();
    }

    /** The monolith no longer holds the room: spec §5.6. Its clients here move with the room. */
    private void dropRoom(MonolithLink link, RoomName name, EndReason why) {
        unmapIfOwnedBy(name, link);
        dropLocal(link, name, why);
    }

    private void unmapIfOwnedBy(RoomName name, MonolithLink link) {
        RoomLocator l = rooms.get(name);
        if (l != null && l.monolith().equals(link.id())) {
            rooms.remove(name, l);
            placeholderSince.remove(name);
        }
    }

    /**
     * Forgets a room on one monolith. With live migration its clients here are let go and held
     * open for the room's next home; otherwise they are disconnected with 1000 and reconnect.
     */
    private void dropLocal(MonolithLink link, RoomName name, EndReason why) {
        LocalRoom room = link.rooms().remove(name);
        if (room == null) {
            return;
        }
        long lasted = room.thaw(System.nanoTime());
        if (lasted >= 0) {
            metrics.roomThawed(lasted);
        }
        for (ClientSession c : room.clients()) {
            if (why == EndReason.ROOM_REPLACED && link.isOpen()) {
                // The losing monolith still counts the client; it is told now, not by a kick later.
                link.send(new B2M.Leave(c.id()));
            }
            if (migration.migrates(link.agentPresent()) && c.isOpen()) {
                letGo(link, room, c);
            } else {
                c.close(CloseCodes.NORMAL, CloseCodes.CLIENT_CONNECTION_ENDED, why);
            }
        }
        rehome(name);
    }

    // ------------------------------------------------------------------ live migration

    @Override
    public boolean movesOnKick(MonolithLink link, int code) {
        return migration.migrates(link.agentPresent()) && code == CloseCodes.GOING_AWAY;
    }

    @Override
    public void clientLetGo(MonolithLink link, ClientSession client) {
        onControl(() -> {
            if (client.link() != link || !client.isOpen()) {
                return;
            }
            LocalRoom room = client.localRoom();
            letGo(link, room, client);
            Move m = moves.get(client.room());
            if (m != null && m.fallback == null) {
                // Normally the monolith's "unloaded" follows its kicks within milliseconds and
                // re-homes the room; if it never comes, the client must not wait for ever.
                m.fallback = control.schedule(() -> rehome(m.room), FALLBACK_MILLIS, TimeUnit.MILLISECONDS);
            }
        });
    }

    /** Detaches a client from its monolith, keeps its socket open and holds its frames. */
    private void letGo(MonolithLink from, LocalRoom room, ClientSession client) {
        if (room != null) {
            room.remove(client);
        }
        client.bind(null, null);
        client.handler().hold();
        move(client.room(), from.id()).heldClients.add(client);
        metrics.clientHeld();
    }

    private Move move(RoomName room, UUID from) {
        return move(room, from, 0);
    }

    /**
     * The pending move of {@code room}, created if needed. Its clients wait at most
     * {@code migration.timeout} after the room has left, plus {@code extraNanos} (the time the
     * room may still stay frozen before it leaves at all).
     */
    private Move move(RoomName room, UUID from, long extraNanos) {
        return moves.computeIfAbsent(room, r -> {
            Move m = new Move(r, from, System.nanoTime());
            m.timeout = control.schedule(() -> giveUp(m), migration.timeout().toNanos() + extraNanos, TimeUnit.NANOSECONDS);
            return m;
        });
    }

    private void freeze(MonolithLink link, M2B.Freeze freeze) {
        LocalRoom room = link.rooms().get(freeze.room());
        RoomLocator owner = rooms.get(freeze.room());
        if (!migration.migrates(link.agentPresent()) || room == null || owner == null
                || !owner.monolith().equals(link.id())) {
            return;
        }
        long deadline = Math.min(freeze.deadlineMillis(), migration.maxFreeze().toMillis());
        boolean wasFrozen = room.frozen();
        room.freeze(System.nanoTime(), control.schedule(() -> thaw(link, room.name()), deadline, TimeUnit.MILLISECONDS));
        if (!wasFrozen) {
            metrics.roomFrozen();
            for (ClientSession c : room.clients()) {
                c.handler().hold();
            }
        }
    }

    /** The freeze ended without the room leaving: everything held goes to the same monolith. */
    private void thaw(MonolithLink link, RoomName name) {
        LocalRoom room = link.rooms().get(name);
        if (room == null) {
            return;
        }
        long lasted = room.thaw(System.nanoTime());
        if (lasted < 0) {
            return;
        }
        metrics.roomThawed(lasted);
        for (ClientSession c : room.clients()) {
            c.handler().joined(c);
        }
        rehome(name);
    }

    /**
     * Sends every client waiting for {@code name} to the room's home: where it is mapped if that
     * monolith still takes it, otherwise a new home chosen the same way on every balancer (never
     * the monolith it left, never a draining one). Without a home yet, they keep waiting.
     */
    private void rehome(RoomName name) {
        Move m = moves.get(name);
        if (m == null || stopped) {
            return;
        }
        MonolithLink target = null;
        RoomLocator mapped = rooms.get(name);
        if (mapped != null) {
            MonolithLink owner = monoliths.get(mapped.monolith());
            LocalRoom there = owner == null ? null : owner.rooms().get(name);
            if (owner != null && there != null && there.frozen()) {
                return;
            }
            boolean ownerLetGoOfIt = mapped.monolith().equals(m.from) && !m.heldClients.isEmpty() && owner != null
                    && owner.draining();
            if (owner != null && !ownerLetGoOfIt) {
                target = owner;
            }
        }
        if (target == null) {
            target = placement.rehome(name, List.copyOf(monoliths.values()), m.from).orElse(null);
        }
        if (target == null) {
            LOG.debug("room {} has no new home yet; {} client(s) wait", name, m.size());
            return;
        }
        moves.remove(name);
        m.cancelTimers();
        if (rooms.get(name) == null || !monoliths.containsKey(rooms.get(name).monolith())) {
            rooms.put(name, RoomLocator.placeholder(target.id()));
            placeholderSince.put(name, System.nanoTime());
        }
        LocalRoom room = target.rooms().computeIfAbsent(name, LocalRoom::new);
        int moved = 0;
        List<ClientSession> stranded = new ArrayList<>();
        for (ClientSession c : m.everyone()) {
            metrics.clientReleased();
            if (!c.isOpen()) {
                continue;
            }
            if (attach(c, target, room, true)) {
                moved++;
            } else {
                stranded.add(c);
            }
        }
        if (!stranded.isEmpty()) {
            // The new home's link failed under our feet: its loss re-homes these clients again.
            LOG.info("room {}: {} client(s) could not join {} and wait for another home", name, stranded.size(), target);
            // Still "leaving" the original monolith: the failed one drops out when its link is gone.
            Move again = move(name, m.from, 0);
            for (ClientSession c : stranded) {
                again.heldClients.add(c);
                metrics.clientHeld();
            }
        }
        if (!m.heldClients.isEmpty() && moved > 0) {
            metrics.roomMigrated(moved, System.nanoTime() - m.startedNanos);
            LOG.info("room {} moved from {} to {} with {} client(s)", name, m.from, target, moved);
        }
    }

    private void retryMoves() {
        for (RoomName name : new ArrayList<>(moves.keySet())) {
            rehome(name);
        }
    }

    private void giveUp(Move m) {
        if (moves.remove(m.room, m)) {
            m.cancelTimers();
            LOG.warn("room {} found no new home within {}; closing its {} waiting client(s)", m.room, migration.timeout(), m.size());
            metrics.migrationTimedOut(m.size());
            for (ClientSession c : m.everyone()) {
                metrics.clientReleased();
                c.close(CloseCodes.NORMAL, CloseCodes.CLIENT_CONNECTION_ENDED, EndReason.MIGRATION_FAILED);
            }
        }
    }

    /** Installs a mapping learned outside the link (e.g. from a proxied room creation) if none exists. */
    public void roomCreatedBy(RoomName name, UUID monolithId) {
        onControl(() -> {
            MonolithLink link = monoliths.get(monolithId);
            if (link == null || rooms.containsKey(name)) {
                return;
            }
            rooms.put(name, new RoomLocator(monolithId, LoadEpoch.PLACEHOLDER));
            placeholderSince.put(name, System.nanoTime());
            link.rooms().computeIfAbsent(name, LocalRoom::new);
        });
    }

    // ------------------------------------------------------------------ clients

    @Override
    public void join(ClientSession session, ClientHandler handler) {
        onControl(() -> doJoin(session, handler));
    }

    private void doJoin(ClientSession session, ClientHandler handler) {
        if (stopped || !session.isOpen()) {
            return;
        }
        RoomName name = session.room();
        Move pending = moves.get(name);
        if (pending != null) {
            pending.waitingJoins.add(session);
            metrics.clientHeld();
            return;
        }
        RoomLocator locator = rooms.get(name);
        MonolithLink link = locator == null ? null : monoliths.get(locator.monolith());
        if (link != null) {
            LocalRoom there = link.rooms().get(name);
            if (there != null && there.frozen()) {
                // The room is about to move: its monolith must not get a new client now.
                move(name, link.id(), migration.maxFreeze().toNanos()).waitingJoins.add(session);
                metrics.clientHeld();
                return;
            }
        }
        boolean placed = false;
        if (link == null) {
            link = placement.place(name, List.copyOf(monoliths.values())).orElse(null);
            if (link == null) {
                LOG.debug("no monolith can take {}", session);
                session.close(CloseCodes.FAILED_TO_JOIN, CloseCodes.FAILED_TO_SEND_CLIENT, EndReason.CLIENT);
                return;
            }
            rooms.put(name, RoomLocator.placeholder(link.id()));
            placeholderSince.put(name, System.nanoTime());
            placed = true;
        }
        LocalRoom room = link.rooms().computeIfAbsent(name, LocalRoom::new);
        if (!attach(session, link, room)) {
            if (placed && room.isEmpty() && room.metadata() == null) {
                link.rooms().remove(name, room);
                unmapIfOwnedBy(name, link);
            }
            session.close(CloseCodes.FAILED_TO_JOIN, CloseCodes.FAILED_TO_SEND_CLIENT, EndReason.CLIENT);
        }
    }

    /**
     * Puts a client into a room on a monolith and sends its {@code join} (same client id and token
     * on every monolith it is ever joined to); then lets its held frames follow. False if the
     * monolith could not take the message.
     */
    private boolean attach(ClientSession session, MonolithLink link, LocalRoom room) {
        return attach(session, link, room, false);
    }

    /**
     * As above; a client re-joined after a move ({@code rejoin}) keeps its held frames until the new
     * home has answered the join and {@code migration.rejoin_grace} has passed (decisions 0025, 0031).
     */
    private boolean attach(ClientSession session, MonolithLink link, LocalRoom room, boolean rejoin) {
        room.add(session);
        session.bind(link, room);
        clients.put(session.id(), session);
        if (rejoin) {
            // Before the join is written, so that the client's event loop knows it waits for an
            // answer before the answer can arrive there.
            session.handler().rejoining(session);
        }
        if (!link.send(new B2M.Join(session.room(), session.id(), session.token()))) {
            clients.remove(session.id(), session);
            room.remove(session);
            session.bind(null, null);
            return false;
        }
        if (events.active()) {
            events.monolithFrame(link.id(), true);
        }
        if (!rejoin) {
            session.handler().joined(session);
        }
        return true;
    }

    @Override
    public void ended(ClientSession session) {
        onControl(() -> doEnd(session));
    }

    private void doEnd(ClientSession session) {
        clients.remove(session.id(), session);
        LocalRoom room = session.localRoom();
        MonolithLink link = session.link();
        if (room != null) {
            room.remove(session);
        }
        Move waiting = moves.get(session.room());
        if (waiting != null && waiting.remove(session)) {
            metrics.clientReleased();
            if (waiting.size() == 0) {
                moves.remove(waiting.room, waiting);
                waiting.cancelTimers();
            }
        }
        if (link == null) {
            return;
        }
        EndReason why = session.endReason() == null ? EndReason.CLIENT : session.endReason();
        // The monolith must hear about every client it still believes in, and only about those:
        // after a kick, a lost link or its own unload it has forgotten the client already.
        boolean monolithKnowsClient = why == EndReason.CLIENT || why == EndReason.SHUTDOWN;
        if (monolithKnowsClient && monoliths.get(link.id()) == link && link.isOpen()) {
            link.send(new B2M.Leave(session.id()));
        }
        // A room this balancer placed that its monolith never reported (e.g. the monolith refused
        // the join with 4002) is forgotten with its last client, so it does not skew placement.
        if (room != null && room.isEmpty() && room.metadata() == null && link.rooms().get(room.name()) == room) {
            link.rooms().remove(room.name(), room);
            unmapIfOwnedBy(room.name(), link);
        }
    }

    // ------------------------------------------------------------------ lifecycle

    /** Stops dialling and closes every link and client. */
    public void stop() {
        onControl(() -> {
            stopped = true;
            for (MonolithConnector c : connectors.values()) {
                c.cancel();
            }
            connectors.clear();
            for (ClientSession c : clients.values()) {
                c.close(CloseCodes.NORMAL, CloseCodes.CLIENT_CONNECTION_ENDED, EndReason.SHUTDOWN);
            }
            for (Move m : moves.values()) {
                m.cancelTimers();
                for (ClientSession c : m.everyone()) {
                    c.close(CloseCodes.NORMAL, CloseCodes.CLIENT_CONNECTION_ENDED, EndReason.SHUTDOWN);
                }
            }
            moves.clear();
        });
    }

    public EventExecutor control() {
        return control;
    }
}
