package org.ottbalancer.balancer.config;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** How the balancer learns which monoliths exist: the {@code [discovery]} table, keyed by {@code method}. */
public sealed interface DiscoveryConfig {
    Duration DEFAULT_POLLING_INTERVAL = Duration.ofSeconds(5);

    /** A host (IP literal or name) and port. */
    record HostPort(String host, int port) {
        public HostPort {
            Objects.requireNonNull(host, "host");
            if (host.isBlank()) {
                throw new IllegalArgumentException("host must not be empty");
            }
            if (port < 1 || port > 65535) {
                throw new IllegalArgumentException("port " + port + " is not in 1..65535");
            }
        }
    }

    /** {@code method = "manual"}: a fixed list, reported once. */
    record Manual(List<HostPort> monoliths) implements DiscoveryConfig {
        public Manual {
            monoliths = List.copyOf(monoliths);
        }
    }

    /** {@code method = "dns"}: IPv4 A records of {@code query}, polled. */
    record Dns(String query, int servicePort, Optional<InetSocketAddress> dnsServer, Duration pollingInterval)
            implements DiscoveryConfig {
        public Dns {
            Objects.requireNonNull(query, "query");
            Objects.requireNonNull(dnsServer, "dnsServer");
            Objects.requireNonNull(pollingInterval, "pollingInterval");
        }
    }

    /** {@code method = "fly"}: AAAA records of {@code global.<fly_app>.internal}, polled. */
    record Fly(String flyApp, int servicePort, Duration pollingInterval) implements DiscoveryConfig {
        public Fly {
            Objects.requireNonNull(flyApp, "flyApp");
            Objects.requireNonNull(pollingInterval, "pollingInterval");
        }
    }

    /** {@code method = "harness"}: a test controller pushes the list over a WebSocket on {@code [::1]:port}. */
    record Harness(int port) implements DiscoveryConfig {
    }

    /**
     * {@code method = "file"}: a registry document on disk, re-read when it changes. Draining
     * monoliths keep their rooms but get no new ones.
     */
    record File(Path path, Duration pollingInterval) implements DiscoveryConfig {
        public File {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(pollingInterval, "pollingInterval");
        }
    }

    /**
     * {@code method = "kubernetes"}: the registry document stored under {@code key} in the ConfigMap
     * {@code configMap} of {@code namespace}, watched through the Kubernetes API. Draining monoliths
     * keep their rooms but get no new ones, as with {@code file}.
     */
    record Kubernetes(String namespace, String configMap, String key) implements DiscoveryConfig {
        /** The key the operator publishes the registry under. */
        public static final String DEFAULT_KEY = "registry.json";

        public Kubernetes {
            KubernetesNames.requireLabel("namespace", namespace);
            KubernetesNames.requireSubdomain("ConfigMap name", configMap);
            KubernetesNames.requireConfigMapKey("ConfigMap key", key);
        }
    }
}
