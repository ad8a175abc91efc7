package org.ottbalancer.agent.relay;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ottbalancer.protocol.M2B;

/** The relay links whose monolith side is up; what the report counts and the drain talks to. */
public final class BalancerLinks {
    private final List<RelayLink> links = new CopyOnWriteArrayList<>();

    void add(RelayLink link) {
        links.add(link);
    }

    void remove(RelayLink link) {
        links.remove(link);
    }

    public int count() {
        return links.size();
    }

    public List<RelayLink> all() {
        return List.copyOf(links);
    }

    /** Sends an extension message to every balancer that has received the monolith's init. */
    public int broadcast(M2B message) {
        int sent = 0;
        for (RelayLink link : links) {
            if (link.sendToBalancer(message)) {
                sent++;
            }
        }
        return sent;
    }

    /** Any link whose monolith side can carry a command now. */
    public Optional<RelayLink> anyWithMonolith() {
        for (RelayLink link : links) {
            if (link.monolithReady()) {
                return Optional.of(link);
            }
        }
        return Optional.empty();
    }

    /** Closes every relayed link (both halves); used when the agent stops. */
    public void closeAll() {
        for (RelayLink link : links) {
            link.balancer().close();
        }
    }
}
