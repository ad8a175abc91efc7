package org.ottbalancer.balancer.harness;

import java.util.List;
import org.ottbalancer.balancer.discovery.Discoverer;
import org.ottbalancer.balancer.discovery.DiscoveryListener;
import org.ottbalancer.protocol.registry.MonolithEntry;

/**
 * A discoverer the test drives: every {@link #set} reports the complete monolith list, as a
 * polling discoverer would after a change. A list set before the balancer starts is reported on start.
 */
public final class TestDiscoverer implements Discoverer {
    private DiscoveryListener listener;
    private List<MonolithEntry> current;

    @Override
    public synchronized void start(DiscoveryListener newListener) {
        this.listener = newListener;
        if (current != null) {
            newListener.onMonoliths(current);
        }
    }

    /** Reports {@code monoliths} as the complete current set. */
    public synchronized void set(MonolithEntry... monoliths) {
        set(List.of(monoliths));
    }

    public synchronized void set(List<MonolithEntry> monoliths) {
        current = List.copyOf(monoliths);
        if (listener != null) {
            listener.onMonoliths(current);
        }
    }

    /** Reports a failed discovery attempt. */
    public synchronized void fail(String description) {
        if (listener != null) {
            listener.onError(description, new RuntimeException(description));
        }
    }

    @Override
    public synchronized void close() {
        listener = null;
    }
}
