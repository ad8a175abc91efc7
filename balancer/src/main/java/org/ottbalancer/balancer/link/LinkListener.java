package org.ottbalancer.balancer.link;

import org.ottbalancer.protocol.M2B;

/**
 * What a monolith link reports to the balancer's state. Calls for one link come in the order the
 * monolith sent its messages.
 */
public interface LinkListener {

    /** The handshake completed; the monolith may receive clients. */
    void linkUp(MonolithLink link, MonolithConnector connector);

    /** The link is gone (closed by either side, failed, or evicted). */
    void linkDown(MonolithLink link);

    /** A room-state message: {@code loaded}, {@code unloaded} or {@code gossip}. */
    void roomState(MonolithLink link, M2B message);

    /** Whether a client kicked with {@code code} should be kept and moved rather than closed. */
    boolean movesOnKick(MonolithLink link, int code);

    /** The monolith let go of a client in a way that means "come back elsewhere" (a 1001 kick). */
    void clientLetGo(MonolithLink link, org.ottbalancer.balancer.client.ClientSession client);
}
