package org.ottbalancer.balancer.link;

import java.util.Collection;
import java.util.Collections;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.ottbalancer.balancer.client.ClientSession;
import org.ottbalancer.protocol.RoomMetadata;
import org.ottbalancer.protocol.RoomName;

/**
 * A room as this balancer knows it on one monolith: the clients that joined it through this
 * balancer, and the monolith's latest metadata (none for a room the balancer placed itself and
 * that the monolith has not reported yet).
 *
 * <p>Membership is changed only by the control thread; the link's event loop reads it to fan out
 * broadcasts, hence the concurrent set.
 */
public final class LocalRoom {
    private final RoomName name;
    private final Set<ClientSession> clients = ConcurrentHashMap.newKeySet();
    private volatile RoomMetadata metadata;
    private volatile long frozenSinceNanos;
    private io.netty.util.concurrent.ScheduledFuture<?> freezeDeadline;

    public LocalRoom(RoomName name) {
        this.name = name;
    }

    public RoomName name() {
        return name;
    }

    public RoomMetadata metadata() {
        return metadata;
    }

    public void metadata(RoomMetadata m) {
        this.metadata = m;
    }

    public void add(ClientSession client) {
        clients.add(client);
    }

    public void remove(ClientSession client) {
        clients.remove(client);
    }

    public Collection<ClientSession> clients() {
        return Collections.unmodifiableSet(clients);
    }

    public boolean isEmpty() {
        return clients.isEmpty();
    }

    // Freeze state: changed only by the control thread; read by client event loops too.

    public boolean frozen() {
        return frozenSinceNanos != 0;
    }

    public long frozenSinceNanos() {
        return frozenSinceNanos;
    }

    /** Marks the room frozen (if it was not) and replaces its thaw deadline. */
    public void freeze(long nowNanos, io.netty.util.concurrent.ScheduledFuture<?> deadline) {
        if (frozenSinceNanos == 0) {
            frozenSinceNanos = nowNanos;
        }
        if (freezeDeadline != null) {
            freezeDeadline.cancel(false);
        }
        freezeDeadline = deadline;
    }

    /** Ends the freeze; returns how long it lasted, or -1 if the room was not frozen. */
    public long thaw(long nowNanos) {
        if (frozenSinceNanos == 0) {
            return -1;
        }
        long lasted = nowNanos - frozenSinceNanos;
        frozenSinceNanos = 0;
        if (freezeDeadline != null) {
            freezeDeadline.cancel(false);
            freezeDeadline = null;
        }
        return lasted;
    }
}
