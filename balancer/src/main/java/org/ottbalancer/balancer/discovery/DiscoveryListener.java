package org.ottbalancer.balancer.discovery;

import java.util.List;
import org.ottbalancer.protocol.registry.MonolithEntry;

/** Receives what a {@link Discoverer} finds. */
public interface DiscoveryListener {

    /**
     * The complete set of monoliths as of now. Endpoints are unique ({@link MonolithEntry#endpoint()})
     * and IP literals found by {@code dns}, {@code fly} and {@code harness} are in canonical form,
     * so the same monolith always has the same endpoint. The list is immutable.
     */
    void onMonoliths(List<MonolithEntry> monoliths);

    /**
     * A discovery attempt failed; the previous set stays in force. The discoverer has already
     * logged it and will try again by itself.
     *
     * @param description what failed and why, fit for a log line
     * @param cause the underlying exception, if any (may be null)
     */
    default void onError(String description, Throwable cause) {
    }
}
