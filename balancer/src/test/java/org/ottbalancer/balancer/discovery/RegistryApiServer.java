package org.ottbalancer.balancer.discovery;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ottbalancer.protocol.registry.MonolithEntry;
import org.ottbalancer.protocol.registry.RegistryCodec;
import org.ottbalancer.protocol.registry.RegistryDocument;

/**
 * A fabric8 mock Kubernetes API server in CRUD mode (plain HTTP on an ephemeral loopback port)
 * with helpers to publish registry ConfigMaps the way the operator does. Watches work against it,
 * so informers see every change.
 */
public final class RegistryApiServer implements AutoCloseable {
    public static final String NAMESPACE = "ott";
    public static final String KEY = "registry.json";

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private long generation;
    /** Field selectors of the watches seen so far (requests can be taken from the server only once). */
    private final java.util.Set<String> watched = new java.util.HashSet<>();

    public RegistryApiServer() {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        server.init();
        client = server.createClient();
    }

    /** A client of this server for tests to share; closed with the server. */
    public KubernetesClient client() {
        return client;
    }

    /** The {@code http://host:port/} URL clients use. */
    public String url() {
        return client.getConfiguration().getMasterUrl();
    }

    /**
     * Waits until some client has opened a watch on ConfigMap {@code name}. The mock server, unlike
     * a real API server, loses changes made between an informer's first list and its watch, so
     * tests that change the registry of a running balancer wait for the watch first.
     */
    public void awaitWatchOf(String name, java.time.Duration timeout) throws InterruptedException {
        String selector = "fieldSelector=metadata.name%3D" + name + "&";
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!watched.contains(selector)) {
            long left = deadline - System.nanoTime();
            io.fabric8.mockwebserver.http.RecordedRequest request =
                    left > 0 ? server.takeRequest(left, java.util.concurrent.TimeUnit.NANOSECONDS) : null;
            if (request == null) {
                throw new AssertionError("nobody watched ConfigMap " + name + " within " + timeout);
            }
            String path = request.getPath();
            if (path.contains("watch=true")) {
                int at = path.indexOf("fieldSelector=");
                int end = path.indexOf('&', at);
                if (at >= 0 && end > at) {
                    watched.add(path.substring(at, end + 1));
                }
            }
        }
    }

    /** Creates or replaces ConfigMap {@code name} with a registry listing {@code monoliths}. */
    public void publish(String name, MonolithEntry... monoliths) {
        put(name, Map.of(KEY, RegistryCodec.write(RegistryDocument.of(++generation, List.of(monoliths)))));
    }

    /** Creates or replaces ConfigMap {@code name} with exactly {@code data}. */
    public void put(String name, Map<String, String> data) {
        ConfigMap existing = configMaps(name).get();
        if (existing == null) {
            configMaps(name).create(new ConfigMapBuilder().withNewMetadata().withName(name).withNamespace(NAMESPACE)
                    .endMetadata().withData(data).build());
        } else {
            configMaps(name).edit(cm -> new ConfigMapBuilder(cm).withData(data).build());
        }
    }

    /** Adds a label, which changes the ConfigMap but not its registry. */
    public void label(String name, String key, String value) {
        configMaps(name).edit(cm -> new ConfigMapBuilder(cm).editMetadata().addToLabels(key, value).endMetadata().build());
    }

    public void delete(String name) {
        configMaps(name).delete();
    }

    private io.fabric8.kubernetes.client.dsl.Resource<ConfigMap> configMaps(String name) {
        return client.configMaps().inNamespace(NAMESPACE).withName(name);
    }

    @Override
    public void close() {
        client.close();
        server.destroy();
    }
}
