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

    private final EventExecutor control;
    private final Placement placement;
    private final BalancerMetrics metrics;
    private final StateEvents events;
    private final UUID balancerId;
    private final Limits limits;
    private final Bootstrap linkBootstrap;

    private final Map<UUID, MonolithLink> monoliths = new ConcurrentHashMap<>();
    private final Map<RoomName, RoomLocator> rooms = new ConcurrentHashMap<>();
    private final Map<UUID, ClientSession> clients = new ConcurrentHashMap<>();
    private final Map<RoomName, Long> placeholderSince = new HashMap<>();
    private final Map<String, MonolithConnector> connectors = new HashMap<>();
    private List<MonolithEntry> discovered = List.of();
    private boolean stopped;

    public BalancerState(EventExecutor control, Placement placement, BalancerMetrics metrics, StateEvents events,
            UUID balancerId, Limits limits, Bootstrap linkBootstrap) {
        this.control = control;
        this.placement = placement;
        this.metrics = metrics;
        this.events = events;
        this.balancerId = balancerId;
        this.limits = limits;
        this.linkBootstrap = linkBootstrap;
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
        control.execute(() -> applyDiscovery(current));
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
    }

    private static void applyEntry(MonolithLink link, MonolithEntry entry) {
        if (link.draining() != entry.isDraining()) {
            LOG.info("{} is now {}", link, entry.state().wire());
        }
        link.draining(entry.isDraining());
        link.load(entry.load());
    }

    // ------------------------------------------------------------------ links

    @Override
    public void linkUp(MonolithLink link, MonolithConnector connector) {
        control.execute(() -> {
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
            monoliths.put(link.id(), link);
            metrics.connectedMonoliths(monoliths.size());
        });
    }

    @Override
    public void linkDown(MonolithLink link) {
        control.execute(() -> {
            if (!monoliths.remove(link.id(), link)) {
                return;
            }
            metrics.connectedMonoliths(monoliths.size());
            for (LocalRoom room : link.rooms().values()) {
                unmapIfOwnedBy(room.name(), link);
                for (ClientSession c : room.clients()) {
                    c.close(CloseCodes.NORMAL, CloseCodes.CLIENT_CONNECTION_ENDED, EndReason.LINK_LOST);
                }
            }
            link.rooms().clear();
        });
    }

    @Override
    public void roomState(MonolithLink link, M2B message) {
        control.execute(() -> {
            if (monoliths.get(link.id()) != link) {
                return;
            }
            if (message instanceof M2B.Loaded loaded) {
                report(link, loaded.room(), loaded.loadEpoch(), false);
            } else if (message instanceof M2B.Unloaded unloaded) {
                dropRoom(link, unloaded.name(), EndReason.ROOM_UNLOADED);
            } else if (message instanceof M2B.Gossip gossip) {
                gossip(link, gossip);
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
        RoomName name = metadata.name();
        RoomLocator existing = rooms.get(name);
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
            if (loser != null) {
                dropLocal(loser, name, EndReason.ROOM_REPLACED);
            }
            rooms.put(name, new RoomLocator(reporter.id(), epoch));
            placeholderSince.remove(name);
            reporter.rooms().computeIfAbsent(name, LocalRoom::new).metadata(metadata);
            if (loser != null) {
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

    /** The monolith no longer holds the room: spec §5.6. */
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

    /** Forgets a room on one monolith and disconnects this balancer's clients in it (1000). */
    private void dropLocal(MonolithLink link, RoomName name, EndReason why) {
        LocalRoom room = link.rooms().remove(name);
        if (room == null) {
            return;
        }
        for (ClientSession c : room.clients()) {
            c.close(CloseCodes.NORMAL, CloseCodes.CLIENT_CONNECTION_ENDED, why);
        }
    }

    /** Installs a mapping learned outside the link (e.g. from a proxied room creation) if none exists. */
    public void roomCreatedBy(RoomName name, UUID monolithId) {
        control.execute(() -> {
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
        control.execute(() -> doJoin(session, handler));
    }

    private void doJoin(ClientSession session, ClientHandler handler) {
        if (stopped || !session.isOpen()) {
            return;
        }
        RoomName name = session.room();
        RoomLocator locator = rooms.get(name);
        MonolithLink link = locator == null ? null : monoliths.get(locator.monolith());
        boolean placed = false;
        if (link == null) {
            link = placement.place(name, List.copyOf(monoliths.values())).orElse(null);
            if (link == null) {
                LOG.debug("no monolith can take {}", session);
                session.close(CloseCodes.FAILED_TO_JOIN, CloseCodes.FAILED_TO_SEND_CLIENT, EndReason.CLIENT);
                return;
            }
            rooms.put(name, new RoomLocator(link.id(), LoadEpoch.PLACEHOLDER));
            placeholderSince.put(name, System.nanoTime());
            placed = true;
        }
        LocalRoom room = link.rooms().computeIfAbsent(name, LocalRoom::new);
        room.add(session);
        session.bind(link, room);
        clients.put(session.id(), session);
        if (!link.send(new B2M.Join(name, session.id(), session.token()))) {
            clients.remove(session.id(), session);
            room.remove(session);
            if (placed && room.isEmpty() && room.metadata() == null) {
                link.rooms().remove(name, room);
                unmapIfOwnedBy(name, link);
            }
            session.bind(null, null);
            session.close(CloseCodes.FAILED_TO_JOIN, CloseCodes.FAILED_TO_SEND_CLIENT, EndReason.CLIENT);
            return;
        }
        if (events.active()) {
            events.monolithFrame(link.id(), true);
        }
        handler.joined(session);
    }

    @Override
    public void ended(ClientSession session) {
        control.execute(() -> doEnd(session));
    }

    private void doEnd(ClientSession session) {
        clients.remove(session.id(), session);
        LocalRoom room = session.localRoom();
        MonolithLink link = session.link();
        if (room != null) {
            room.remove(session);
        }
        if (link == null) {
            return;
        }
        EndReason why = session.endReason() == null ? EndReason.CLIENT : session.endReason();
        // The monolith must hear about every client it still believes in, and only about those:
        // after a kick, a lost link or its own unload it has forgotten the client already.
        boolean monolithKnowsClient = why == EndReason.CLIENT || why == EndReason.ROOM_REPLACED || why == EndReason.SHUTDOWN;
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
        control.execute(() -> {
            stopped = true;
            for (MonolithConnector c : connectors.values()) {
                c.cancel();
            }
            connectors.clear();
            for (ClientSession c : clients.values()) {
                c.close(CloseCodes.NORMAL, CloseCodes.CLIENT_CONNECTION_ENDED, EndReason.SHUTDOWN);
            }
        });
    }

    public EventExecutor control() {
        return control;
    }
}
