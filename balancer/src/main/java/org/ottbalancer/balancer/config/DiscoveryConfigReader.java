package org.ottbalancer.balancer.config;

import java.net.InetSocketAddress;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Maps the {@code [discovery]} table (spec §6.2–6.5, plus this implementation's {@code file} and {@code kubernetes}) to a {@link DiscoveryConfig}. */
final class DiscoveryConfigReader {
    /** The registry file is local and cheap to stat, so it is looked at more often than DNS is asked. */
    static final Duration DEFAULT_FILE_POLLING_INTERVAL = Duration.ofSeconds(1);

    private DiscoveryConfigReader() {
    }

    static DiscoveryConfig read(ConfigTable t) {
        return read(t, PodNamespace.SERVICE_ACCOUNT_NAMESPACE);
    }

    /**
     * @param podNamespaceFile where the pod's namespace is read from when {@code kubernetes}
     *     discovery leaves {@code namespace} out (tests point it elsewhere)
     */
    static DiscoveryConfig read(ConfigTable t, Path podNamespaceFile) {
        String method = t.requireString("method");
        if (method.equals("manual")) {
            return manual(t);
        }
        if (method.equals("dns")) {
            return dns(t);
        }
        if (method.equals("fly")) {
            return fly(t);
        }
        if (method.equals("harness")) {
            return harness(t);
        }
        if (method.equals("file")) {
            return file(t);
        }
        if (method.equals("kubernetes")) {
            return kubernetes(t, podNamespaceFile);
        }
        throw new ConfigException(t.path("method") + ": unknown discovery method \"" + method
                + "\" (expected manual, dns, fly, harness, file or kubernetes)");
    }

    private static DiscoveryConfig.Manual manual(ConfigTable t) {
        t.warnAboutKeysOtherThan(Set.of("method", "monoliths"));
        List<DiscoveryConfig.HostPort> monoliths = new ArrayList<>();
        for (ConfigTable m : t.tables("monoliths")) {
            m.warnAboutKeysOtherThan(Set.of("host", "port"));
            String host = m.requireNonEmptyString("host");
            int port = (int) m.requireInteger("port", 1, 65535);
            monoliths.add(new DiscoveryConfig.HostPort(host, port));
        }
        return new DiscoveryConfig.Manual(monoliths);
    }

    private static DiscoveryConfig.Dns dns(ConfigTable t) {
        t.warnAboutKeysOtherThan(Set.of("method", "query", "service_port", "dns_server", "polling_interval"));
        String query = t.requireNonEmptyString("query");
        int servicePort = servicePort(t);
        Optional<InetSocketAddress> dnsServer = t.optionalString("dns_server").map(s -> {
            try {
                return DnsServerAddress.parse(s);
            } catch (IllegalArgumentException e) {
                throw new ConfigException(t.path("dns_server") + ": " + e.getMessage());
            }
        });
        Duration interval = t.positiveDuration("polling_interval", DiscoveryConfig.DEFAULT_POLLING_INTERVAL);
        return new DiscoveryConfig.Dns(query, servicePort, dnsServer, interval);
    }

    private static DiscoveryConfig.Fly fly(ConfigTable t) {
        t.warnAboutKeysOtherThan(Set.of("method", "fly_app", "service_port", "polling_interval"));
        String app = t.requireNonEmptyString("fly_app");
        int servicePort = servicePort(t);
        Duration interval = t.positiveDuration("polling_interval", DiscoveryConfig.DEFAULT_POLLING_INTERVAL);
        return new DiscoveryConfig.Fly(app, servicePort, interval);
    }

    private static DiscoveryConfig.Harness harness(ConfigTable t) {
        t.warnAboutKeysOtherThan(Set.of("method", "port"));
        return new DiscoveryConfig.Harness((int) t.requireInteger("port", 1, 65535));
    }

    private static DiscoveryConfig.File file(ConfigTable t) {
        t.warnAboutKeysOtherThan(Set.of("method", "path", "polling_interval"));
        String text = t.requireNonEmptyString("path");
        Path path;
        try {
            path = Path.of(text);
        } catch (InvalidPathException e) {
            throw new ConfigException(t.path("path") + ": invalid path \"" + text + "\": " + e.getReason());
        }
        Duration interval = t.positiveDuration("polling_interval", DEFAULT_FILE_POLLING_INTERVAL);
        return new DiscoveryConfig.File(path, interval);
    }

    private static DiscoveryConfig.Kubernetes kubernetes(ConfigTable t, Path podNamespaceFile) {
        t.warnAboutKeysOtherThan(Set.of("method", "namespace", "configmap", "key"));
        String namespace;
        if (t.has("namespace")) {
            namespace = t.requireNonEmptyString("namespace");
        } else {
            namespace = PodNamespace.readFrom(podNamespaceFile).orElseThrow(() -> new ConfigException(
                    t.path("namespace") + ": missing, and this process does not run in a Kubernetes pod ("
                            + podNamespaceFile + " is not readable), so there is no namespace to default to"));
        }
        String configMap = t.requireNonEmptyString("configmap");
        String key = t.optionalString("key").orElse(DiscoveryConfig.Kubernetes.DEFAULT_KEY);
        check(t, "namespace", () -> KubernetesNames.requireLabel("namespace", namespace));
        check(t, "configmap", () -> KubernetesNames.requireSubdomain("ConfigMap name", configMap));
        check(t, "key", () -> KubernetesNames.requireConfigMapKey("ConfigMap key", key));
        return new DiscoveryConfig.Kubernetes(namespace, configMap, key);
    }

    /** Runs a record's own check early so that its complaint names the configuration key. */
    private static void check(ConfigTable t, String key, Runnable validation) {
        try {
            validation.run();
        } catch (IllegalArgumentException e) {
            throw new ConfigException(t.path(key) + ": " + e.getMessage());
        }
    }

    private static int servicePort(ConfigTable t) {
        return (int) t.requireInteger("service_port", 1, 65535);
    }
}
