package org.ottbalancer.balancer.discovery;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.netty.channel.EventLoopGroup;
import java.util.Objects;
import org.ottbalancer.balancer.config.DiscoveryConfig;
import org.ottbalancer.protocol.registry.RegistryCodec;
import org.ottbalancer.protocol.registry.RegistryDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code method = "kubernetes"}: follows the registry document the operator publishes in a
 * ConfigMap, and reports its monoliths with their {@code state} and {@code load}.
 *
 * <p>The ConfigMap is watched, not polled: a fabric8 informer restricted to that one object (a
 * field selector on its name, in its namespace) lists it once and then receives every change as
 * it happens. Reconnecting after a dropped watch, and listing again when the API server has
 * forgotten the watch's resource version, are the informer's job; a failure on the way is reported
 * through {@link DiscoveryListener#onError} and the informer keeps retrying with back-off.
 *
 * <p>What is reported when:
 * <ul>
 *   <li>the ConfigMap appears (at start or later) or its registry key changes: the document's monoliths;
 *   <li>it changes in other ways only (labels, annotations, other keys): nothing;
 *   <li>the key is missing or the document invalid: an error with the reason (for an invalid
 *       document, the {@link RegistryCodec}'s message); the previous set stays in force;
 *   <li>the ConfigMap does not exist at start: an error, and the set stays empty until it appears;
 *   <li>the ConfigMap is deleted: an error, and the <em>last set stays in force</em>. Deleting the
 *       registry, by accident or while the operator re-creates it, must not disconnect every room
 *       of every balancer; a fleet that should really be empty is published as an empty
 *       {@code monoliths} list, which is reported like any other document.
 * </ul>
 * The same problem is reported once, not on every event that repeats it.
 *
 * <p>As with {@code file}, the document's {@code generation} is not used to discard "stale"
 * versions: the ConfigMap is the single source, and its resource version already orders changes.
 */
final class KubernetesDiscoverer implements Discoverer {
    private static final Logger log = LoggerFactory.getLogger(KubernetesDiscoverer.class);

    private final DiscoveryConfig.Kubernetes config;
    private final KubernetesClient client;
    private final boolean ownsClient;
    private final EventLoopGroup group;
    private final String name;

    // Guarded by this.
    private ListenerDispatcher dispatcher;
    private SharedIndexInformer<ConfigMap> informer;
    private boolean closed;
    private String lastText;
    private String lastProblem;
    private int lastCount = -1;

    /**
     * @param ownsClient whether {@link #close()} also closes {@code client}: true when the
     *     discoverer created it, false when the caller shares its own client
     */
    KubernetesDiscoverer(DiscoveryConfig.Kubernetes config, KubernetesClient client, boolean ownsClient,
            EventLoopGroup group) {
        this.config = Objects.requireNonNull(config, "config");
        this.client = Objects.requireNonNull(client, "client");
        this.ownsClient = ownsClient;
        this.group = Objects.requireNonNull(group, "group");
        this.name = "ConfigMap " + config.namespace() + "/" + config.configMap();
    }

    @Override
    public synchronized void start(DiscoveryListener listener) {
        Objects.requireNonNull(listener, "listener");
        if (dispatcher != null || closed) {
            throw new IllegalStateException("kubernetes discovery already started or closed");
        }
        dispatcher = new ListenerDispatcher(listener, group.next(), "kubernetes");
        informer = client.configMaps().inNamespace(config.namespace()).withName(config.configMap())
                .runnableInformer(0);
        // The default handler gives up on any error before the first list succeeds (an API server
        // that is briefly unreachable at startup would end discovery for good) and on most watch
        // errors after it. Discovery must outlive both, so every error is reported and retried.
        informer.exceptionHandler((started, error) -> {
            problem("cannot watch " + name + ": " + describe(error) + "; retrying", error);
            return true;
        });
        informer.addEventHandler(new Events());
        log.info("kubernetes discovery watching {}, key {}", name, config.key());
        // Does not block: the first list happens in the background and is reported like any change.
        informer.start();
    }

    @Override
    public void close() {
        SharedIndexInformer<ConfigMap> toStop;
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            if (dispatcher != null) {
                dispatcher.stop();
            }
            toStop = informer;
        }
        // Outside the lock: stopping may wait for an event handler that is waiting for the lock.
        if (toStop != null) {
            toStop.close();
        }
        if (ownsClient) {
            client.close();
        }
    }

    /**
     * Whether the informer has listed the ConfigMap and holds an open watch on it, i.e. whether a
     * change made now will be seen. Tests wait for it because fabric8's mock API server, unlike a
     * real one, does not replay changes made between the list and the start of the watch.
     */
    synchronized boolean watching() {
        return informer != null && !closed && informer.isWatching();
    }

    private synchronized void changed(ConfigMap configMap) {
        if (closed) {
            return;
        }
        String text;
        try {
            text = RegistryConfigMap.text(configMap, config.key());
        } catch (RegistryConfigMap.InvalidConfigMapException e) {
            lastText = null;
            problem(name + " " + e.getMessage() + "; keeping the previous monoliths", e);
            return;
        }
        if (lastProblem == null && text.equals(lastText)) {
            return;
        }
        lastText = text;
        RegistryDocument doc;
        try {
            doc = RegistryCodec.parse(text);
        } catch (RegistryCodec.InvalidRegistryException e) {
            problem(name + ", key " + config.key() + ": " + e.getMessage() + "; keeping the previous monoliths", e);
            return;
        }
        lastProblem = null;
        lastCount = doc.monoliths().size();
        log.debug("{} generation {} lists {} monolith(s)", name, doc.generation(), lastCount);
        dispatcher.monoliths(doc.monoliths());
    }

    private synchronized void deleted() {
        // Forgotten so that a re-created ConfigMap is reported even if its content is the same.
        lastText = null;
        problem(name + " was deleted; " + (lastCount < 0 ? "it never held a valid registry"
                : "keeping the " + lastCount + " monolith(s) it listed last") + " until it is created again", null);
    }

    private synchronized void absent() {
        lastText = null;
        problem(name + " does not exist; waiting for it to be created", null);
    }

    /** Reports a problem unless it is the one reported last. */
    private synchronized void problem(String description, Throwable cause) {
        if (closed || description.equals(lastProblem)) {
            return;
        }
        lastProblem = description;
        dispatcher.error(description, cause);
    }

    /** The informative part of an informer failure: without the future's wrapper, and named when it has no message. */
    static String describe(Throwable error) {
        Throwable e = error;
        while ((e instanceof java.util.concurrent.CompletionException
                || e instanceof java.util.concurrent.ExecutionException) && e.getCause() != null) {
            e = e.getCause();
        }
        String message = e.getMessage();
        if (message == null || message.isBlank() || (e.getCause() != null && message.equals(e.getCause().toString()))) {
            return e.getClass().getSimpleName();
        }
        return message;
    }

    /** The informer's callbacks; it calls them one at a time, in the order of the changes. */
    private final class Events implements ResourceEventHandler<ConfigMap> {
        @Override
        public void onAdd(ConfigMap configMap) {
            changed(configMap);
        }

        @Override
        public void onUpdate(ConfigMap previous, ConfigMap current) {
            changed(current);
        }

        @Override
        public void onDelete(ConfigMap configMap, boolean finalStateUnknown) {
            deleted();
        }

        @Override
        public void onNothing() {
            absent();
        }
    }
}
