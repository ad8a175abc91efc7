package org.ottbalancer.balancer.discovery;

/**
 * A source of monolith addresses. Once started it reports the <em>complete</em> current set every
 * time it learns something; the balancer diffs consecutive sets itself (see {@link DiscoveryDiff}).
 * How often that happens depends on the method: {@code manual} reports once at start, {@code dns}
 * and {@code fly} after every successful lookup (every polling interval, even when nothing
 * changed), {@code harness} for every list a controller sends, and {@code file} whenever the
 * file's content changes. A failed attempt is reported through {@link DiscoveryListener#onError}
 * and leaves the previous set in force.
 *
 * <p>Create one with {@link Discoverers#create}.
 */
public interface Discoverer extends AutoCloseable {

    /**
     * Starts discovering; does not block. Listener calls never overlap and arrive in order; the
     * discoverers made by {@link Discoverers} make them on one event loop of the balancer's group,
     * so the listener must not block either. A discoverer can be started once.
     */
    void start(DiscoveryListener listener);

    /**
     * Stops discovering and releases sockets and threads; the listener hears nothing afterwards,
     * even from lookups that were in flight. Idempotent. The event loop group is not shut down:
     * it belongs to the caller.
     */
    @Override
    void close();
}
