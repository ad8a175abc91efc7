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
}
