package org.ottbalancer.agent.tracking;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ottbalancer.protocol.RoomName;

/**
 * The agent's picture of its monolith, built only from the frames relayed on its links: the rooms
 * it holds (with their epochs), who is in them and through which link, and how busy each room is.
 *
 * <p>Links run on several event loops and the drain reads the state from its own thread, so every
 * method takes the tracker's lock; each critical section is a few map operations and never waits on
 * I/O. Listeners are called after the lock is released.
 */
public final class RoomTracker {
    /** Link id of the agent's own control link: it carries room events but never clients. */
    public static final long CONTROL_LINK = -1;

    private final Map<RoomName, Room> rooms = new HashMap<>();
    private final Map<UUID, Client> clients = new HashMap<>();
    private final Map<Long, Set<UUID>> clientsByLink = new HashMap<>();
    private final List<RoomSetListener> listeners = new CopyOnWriteArrayList<>();
    private String monolithId;
    private String region;
    private boolean roomSetKnown;

    public void addListener(RoomSetListener listener) {
        listeners.add(listener);
    }

    /** Applies one relayed frame's facts; {@code link} is the relay link it came through. */
    public void apply(long link, Sniffed s, long nowNanos) {
        RoomName unloaded = null;
        boolean roomSetChanged = false;
        synchronized (this) {
            if (s instanceof Sniffed.ClientMsg m) {
                clientMessage(m.client(), nowNanos);
            } else if (s instanceof Sniffed.Join m) {
                join(link, m.room(), m.client());
            } else if (s instanceof Sniffed.Leave m) {
                removeClient(m.client());
            } else if (s instanceof Sniffed.Kick m) {
                removeClient(m.client());
            } else if (s instanceof Sniffed.Loaded m) {
                Room r = rooms.computeIfAbsent(m.room(), Room::new);
                r.name = m.room();
                r.held = true;
                if (r.epoch != m.loadEpoch()) {
                    r.loadedSeenOn.clear();
                }
                r.epoch = m.loadEpoch();
                r.loadedSeenOn.add(link);
                roomSetChanged = true;
            } else if (s instanceof Sniffed.Unloaded m) {
                dropRoom(m.room());
                unloaded = m.room();
                roomSetChanged = true;
            } else if (s instanceof Sniffed.Gossip m) {
                gossip(link, m.rooms());
                roomSetChanged = true;
            } else if (s instanceof Sniffed.MonolithInit m) {
                monolithId = m.monolithId();
                region = m.region();
            }
        }
        if (unloaded != null) {
            for (RoomSetListener l : listeners) {
                l.roomUnloaded(unloaded);
            }
        }
        if (roomSetChanged) {
            for (RoomSetListener l : listeners) {
                l.roomSetChanged();
            }
        }
    }

    /** The monolith forgets every client of a closed link, and so does the tracker. */
    public synchronized void linkClosed(long link) {
        Set<UUID> ids = clientsByLink.remove(link);
        if (ids == null) {
            return;
        }
        for (UUID id : new ArrayList<>(ids)) {
            removeClient(id);
        }
    }

    /**
     * No link to the monolith is open any more: what the tracker holds may go stale, so the next
     * full gossip must confirm it before an empty set is trusted again.
     */
    public synchronized void roomSetStale() {
        roomSetKnown = false;
        // Announcements seen so far may have been followed by unloads nobody relayed: the next
        // gossip decides about every room.
        for (Room r : rooms.values()) {
            r.loadedSeenOn.clear();
        }
    }

    /** Whether a full gossip has been seen, so that an empty room set really means "no rooms". */
    public synchronized boolean roomSetKnown() {
        return roomSetKnown;
    }

    public synchronized Set<RoomName> heldRooms() {
        Set<RoomName> held = new LinkedHashSet<>();
        for (Room r : rooms.values()) {
            if (r.held) {
                held.add(r.name);
            }
        }
        return held;
    }

    public synchronized boolean holds(RoomName room) {
        Room r = rooms.get(room);
        return r != null && r.held;
    }

    /** {@link System#nanoTime()} of the room's last client message, or {@link Long#MIN_VALUE} if none. */
    public synchronized long lastClientMessageNanos(RoomName room) {
        Room r = rooms.get(room);
        return r == null || r.clientMessages == 0 ? Long.MIN_VALUE : r.lastMessageNanos;
    }

    public synchronized TrackerSnapshot snapshot(long nowNanos) {
        List<TrackedRoomView> views = new ArrayList<>();
        int users = 0;
        double rate = 0;
        for (Room r : rooms.values()) {
            if (!r.held) {
                continue;
            }
            double roomRate = r.rate.perSecond(nowNanos);
            views.add(new TrackedRoomView(r.name, r.epoch, r.members.size(), r.clientMessages, roomRate,
                    r.clientMessages == 0 ? null : Instant.ofEpochMilli(r.lastMessageEpochMillis)));
            users += r.members.size();
            rate += roomRate;
        }
        views.sort(Comparator.comparingInt(TrackedRoomView::clients).reversed()
                .thenComparing(Comparator.comparingDouble(TrackedRoomView::messagesPerSecond).reversed())
                .thenComparing(TrackedRoomView::name));
        return new TrackerSnapshot(monolithId, region, views, users, rate);
    }

    private void clientMessage(UUID clientId, long nowNanos) {
        Client c = clients.get(clientId);
        if (c == null) {
            return;
        }
        Room r = rooms.get(c.room);
        if (r == null) {
            return;
        }
        r.clientMessages++;
        r.lastMessageNanos = nowNanos;
        r.lastMessageEpochMillis = System.currentTimeMillis();
        r.rate.record(nowNanos);
    }

    private void join(long link, RoomName room, UUID clientId) {
        if (link == CONTROL_LINK) {
            return;
        }
        removeClient(clientId);
        Room r = rooms.computeIfAbsent(room, Room::new);
        r.members.add(clientId);
        clients.put(clientId, new Client(room, link));
        clientsByLink.computeIfAbsent(link, k -> new HashSet<>()).add(clientId);
    }

    private void removeClient(UUID clientId) {
        Client c = clients.remove(clientId);
        if (c == null) {
            return;
        }
        Set<UUID> ofLink = clientsByLink.get(c.link);
        if (ofLink != null) {
            ofLink.remove(clientId);
            if (ofLink.isEmpty()) {
                clientsByLink.remove(c.link);
            }
        }
        Room r = rooms.get(c.room);
        if (r != null) {
            r.members.remove(clientId);
            forgetIfUnused(r);
        }
    }

    /** The monolith kicked the room's clients before dropping it; any it did not kick are gone too. */
    private void dropRoom(RoomName name) {
        Room r = rooms.get(name);
        if (r == null) {
            return;
        }
        r.held = false;
        for (UUID id : new ArrayList<>(r.members)) {
            removeClient(id);
        }
        rooms.remove(name);
    }

    /**
     * Gossip is the full set. Rooms that were held and are missing are gone; rooms never held that
     * have members are joins still waiting for their {@code loaded}, and stay.
     *
     * <p>Each link carries the monolith's messages in order, but links are not ordered among each
     * other: the gossip a link receives right after connecting may have been built before a
     * {@code loaded} that another link has already delivered. So a room announced by
     * {@code loaded} is only taken as gone by a gossip on a link that delivered that
     * {@code loaded} first.
     */
    private void gossip(long link, List<Sniffed.RoomEpoch> entries) {
        roomSetKnown = true;
        Map<RoomName, Sniffed.RoomEpoch> reported = new HashMap<>();
        for (Sniffed.RoomEpoch e : entries) {
            reported.put(e.room(), e);
        }
        List<RoomName> gone = new ArrayList<>();
        for (Room r : rooms.values()) {
            // The monolith sends "loaded" to every open link, so a link that has not delivered it
            // yet carries a gossip built before it; a link that opened later never gets that
            // "loaded" but then the room was in its gossip, or its "unloaded" reached the others.
            boolean predatesTheLoad = !r.loadedSeenOn.isEmpty() && !r.loadedSeenOn.contains(link);
            if (r.held && !reported.containsKey(r.name) && !predatesTheLoad) {
                gone.add(r.name);
            }
        }
        for (RoomName name : gone) {
            dropRoom(name);
        }
        for (Sniffed.RoomEpoch e : reported.values()) {
            Room r = rooms.computeIfAbsent(e.room(), Room::new);
            r.name = e.room();
            r.held = true;
            r.epoch = e.loadEpoch();
        }
    }

    private void forgetIfUnused(Room r) {
        if (!r.held && r.members.isEmpty()) {
            rooms.remove(r.name);
        }
    }

    /** Clients that joined through one link and have not left. */
    public synchronized int clientsOnLink(long link) {
        Set<UUID> ids = clientsByLink.get(link);
        return ids == null ? 0 : ids.size();
    }

    private static final class Room {
        RoomName name;
        boolean held;
        long epoch;
        /** Links that delivered this room's latest {@code loaded}. */
        final Set<Long> loadedSeenOn = new HashSet<>();
        final Set<UUID> members = new HashSet<>();
        final MessageRate rate = new MessageRate();
        long clientMessages;
        long lastMessageNanos;
        long lastMessageEpochMillis;

        Room(RoomName name) {
            this.name = name;
        }
    }

    private record Client(RoomName room, long link) {
    }
}
