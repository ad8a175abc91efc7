package org.ottbalancer.balancer.discovery;

/**
 * A source of monolith addresses. Once started it reports the <em>complete</em> current set every
 * time it learns something (polling discoverers report every interval, even when nothing changed);
 * the balancer diffs consecutive sets itself.
 */
public interface Discoverer extends AutoCloseable {

    /** Starts discovering; must not block. Listener calls may come from any one thread at a time. */
    void start(DiscoveryListener listener);

    /** Stops discovering and releases sockets and threads. */
    @Override
    void close();
}
