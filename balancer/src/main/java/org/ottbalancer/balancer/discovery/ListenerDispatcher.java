package org.ottbalancer.balancer.discovery;

import io.netty.util.concurrent.EventExecutor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.ottbalancer.protocol.registry.MonolithEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers a discoverer's findings to its {@link DiscoveryListener} on one executor, so the
 * listener sees calls from one thread at a time and in the order they were made, whichever
 * thread or connection produced them. After {@link #stop()} nothing more is delivered, which lets
 * a closed discoverer's in-flight lookups finish without the balancer hearing about them.
 */
final class ListenerDispatcher {
    private static final Logger log = LoggerFactory.getLogger(ListenerDispatcher.class);

    private final DiscoveryListener listener;
    private final EventExecutor executor;
    private final String source;
    private volatile boolean stopped;

    ListenerDispatcher(DiscoveryListener listener, EventExecutor executor, String source) {
        this.listener = listener;
        this.executor = executor;
        this.source = source;
    }

    /** Reports a complete set; entries naming an endpoint already listed are dropped (first wins). */
    void monoliths(List<MonolithEntry> monoliths) {
        List<MonolithEntry> unique = uniqueByEndpoint(monoliths);
        log.debug("{} discovery found {} monolith(s): {}", source, unique.size(), unique);
        deliver(() -> listener.onMonoliths(unique));
    }

    /** Reports a failed attempt; logged here so it is visible even to listeners that ignore it. */
    void error(String description, Throwable cause) {
        log.warn("{} discovery failed: {}", source, description);
        deliver(() -> listener.onError(description, cause));
    }

    void stop() {
        stopped = true;
    }

    boolean isStopped() {
        return stopped;
    }

    private void deliver(Runnable call) {
        if (stopped) {
            return;
        }
        try {
            executor.execute(() -> {
                if (stopped) {
                    return;
                }
                try {
                    call.run();
                } catch (RuntimeException e) {
                    // A faulty listener must not stop discovery; the next report gets another chance.
                    log.error("{} discovery listener threw", source, e);
                }
            });
        } catch (RejectedExecutionException e) {
            log.debug("{} discovery result dropped: event loop is shutting down", source);
        }
    }

    static List<MonolithEntry> uniqueByEndpoint(List<MonolithEntry> monoliths) {
        Map<String, MonolithEntry> unique = new LinkedHashMap<>();
        for (MonolithEntry m : monoliths) {
            unique.putIfAbsent(m.endpoint(), m);
        }
        return List.copyOf(unique.values());
    }
}
