package org.ottbalancer.balancer.state;

import io.netty.util.concurrent.ScheduledFuture;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.ottbalancer.balancer.client.ClientSession;
import org.ottbalancer.protocol.RoomName;

/**
 * A room whose clients on this balancer are waiting for its home: either because the room is frozen
 * (new joins wait) or because it left its monolith (its clients were let go and are held open).
 * Touched only by the control thread.
 */
final class Move {
    final RoomName room;
    /** The monolith the room is leaving. */
    final UUID from;
    final long startedNanos;
    /** Clients that were in the room and are held open, in the order they were let go. */
    final List<ClientSession> heldClients = new ArrayList<>();
    /** Clients that asked to join while the room was frozen or moving; their join has not been sent. */
    final List<ClientSession> waitingJoins = new ArrayList<>();
    ScheduledFuture<?> fallback;
    ScheduledFuture<?> timeout;

    Move(RoomName room, UUID from, long startedNanos) {
        this.room = room;
        this.from = from;
        this.startedNanos = startedNanos;
    }

    int size() {
        return heldClients.size() + waitingJoins.size();
    }

    boolean remove(ClientSession s) {
        return heldClients.remove(s) | waitingJoins.remove(s);
    }

    /** Everyone waiting, held clients first (they were in the room before the newcomers). */
    List<ClientSession> everyone() {
        List<ClientSession> all = new ArrayList<>(size());
        all.addAll(heldClients);
        all.addAll(waitingJoins);
        return all;
    }

    void cancelTimers() {
        if (fallback != null) {
            fallback.cancel(false);
        }
        if (timeout != null) {
            timeout.cancel(false);
        }
    }
}
