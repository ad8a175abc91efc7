package org.ottbalancer.balancer.discovery;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.netty.channel.EventLoopGroup;
import java.util.Objects;
import org.ottbalancer.balancer.config.DiscoveryConfig;

/** Creates the {@link Discoverer} for a {@code [discovery]} configuration (spec §6). */
public final class Discoverers {
    private Discoverers() {
    }

    /**
     * Returns an unstarted discoverer for {@code config}. Its timers, lookups and sockets use
     * {@code group}, which stays owned by the caller; listener calls arrive on one event loop of
     * it, so listeners must not block.
     *
     * @throws IllegalArgumentException if the configuration cannot be used (the message says why)
     */
    public static Discoverer create(DiscoveryConfig config, EventLoopGroup group) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(group, "group");
        if (config instanceof DiscoveryConfig.Manual manual) {
            return new ManualDiscoverer(manual.monoliths(), group.next());
        }
        if (config instanceof DiscoveryConfig.Dns dns) {
            return new DnsDiscoverer("dns", dns.query(), DnsDiscoverer.RecordType.A, dns.servicePort(),
                    dns.dnsServer(), dns.pollingInterval(), group);
        }
        if (config instanceof DiscoveryConfig.Fly fly) {
            return new FlyDiscoverer(fly, group);
        }
        if (config instanceof DiscoveryConfig.Harness harness) {
            return new HarnessDiscoverer(harness.port(), group);
        }
        if (config instanceof DiscoveryConfig.File file) {
            return new FileDiscoverer(file.path(), file.pollingInterval(), group);
        }
        if (config instanceof DiscoveryConfig.Kubernetes kubernetes) {
            // fabric8's auto-configuration: the pod's service account inside a cluster, otherwise
            // the kubeconfig, and the usual kubernetes.* system properties / KUBERNETES_* variables
            // on top. Building the client does not contact the API server.
            return new KubernetesDiscoverer(kubernetes, new KubernetesClientBuilder().build(), true, group);
        }
        throw new IllegalArgumentException("unsupported discovery method: " + config.getClass().getSimpleName());
    }

    /**
     * Returns an unstarted {@code kubernetes} discoverer that talks to the API server through
     * {@code client}, for callers (and tests) that already have one. The client stays owned by the
     * caller: closing the discoverer stops its informer but leaves the client open.
     */
    public static Discoverer kubernetes(DiscoveryConfig.Kubernetes config, KubernetesClient client, EventLoopGroup group) {
        Objects.requireNonNull(config, "config");
        Objects.requireNonNull(client, "client");
        Objects.requireNonNull(group, "group");
        return new KubernetesDiscoverer(config, client, false, group);
    }
}
