package org.ottbalancer.balancer.discovery;

import java.util.List;
import org.ottbalancer.protocol.registry.MonolithEntry;

/** Receives what a {@link Discoverer} finds. */
public interface DiscoveryListener {

    /** The complete set of monoliths as of now (endpoints unique). */
    void onMonoliths(List<MonolithEntry> monoliths);

    /** A discovery attempt failed; the previous set stays in force. */
    default void onError(String description, Throwable cause) {
    }
}
