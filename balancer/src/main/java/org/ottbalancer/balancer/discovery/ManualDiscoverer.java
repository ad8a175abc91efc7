package org.ottbalancer.balancer.discovery;

import io.netty.util.concurrent.EventExecutor;
import java.util.ArrayList;
import java.util.List;
import org.ottbalancer.balancer.config.DiscoveryConfig.HostPort;
import org.ottbalancer.protocol.registry.MonolithEntry;

/** {@code method = "manual"}: the configured list, reported once at start and never again (spec §6.2). */
final class ManualDiscoverer implements Discoverer {
    private final List<MonolithEntry> monoliths;
    private final EventExecutor executor;
    private ListenerDispatcher dispatcher;

    ManualDiscoverer(List<HostPort> configured, EventExecutor executor) {
        List<MonolithEntry> entries = new ArrayList<>(configured.size());
        for (HostPort hp : configured) {
            entries.add(MonolithEntry.active(SocketAddressParser.canonicalHost(hp.host()), hp.port()));
        }
        this.monoliths = List.copyOf(entries);
        this.executor = executor;
    }

    @Override
    public synchronized void start(DiscoveryListener listener) {
        if (dispatcher != null) {
            throw new IllegalStateException("manual discovery already started");
        }
        dispatcher = new ListenerDispatcher(listener, executor, "manual");
        dispatcher.monoliths(monoliths);
    }

    @Override
    public synchronized void close() {
        if (dispatcher != null) {
            dispatcher.stop();
        }
    }
}
