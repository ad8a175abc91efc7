package org.ottbalancer.e2e.kube.api;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import org.ottbalancer.operator.testing.DiscoveryCrudDispatcher;

/**
 * The cluster's API server: fabric8's CRUD mock with the operator module's discovery shim, so that
 * the real kubectl, the operator and the balancers' informers all talk to it over plain HTTP on
 * 127.0.0.1. It also writes the one kubeconfig every client of the cluster uses.
 */
public final class MockApiServer implements AutoCloseable {
    private final KubernetesMockServer server;
    private final Path kubeconfig;
    private final String namespace;

    private MockApiServer(KubernetesMockServer server, Path kubeconfig, String namespace) {
        this.server = server;
        this.kubeconfig = kubeconfig;
        this.namespace = namespace;
    }

    /** Starts on a free loopback port; {@code namespace} is the kubeconfig's default namespace. */
    public static MockApiServer start(Path dir, String namespace) throws IOException {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new DiscoveryCrudDispatcher(), false);
        server.init(InetAddress.getByName("127.0.0.1"), 0);
        Path kubeconfig = dir.resolve("kubeconfig");
        Files.writeString(kubeconfig, String.join("\n",
                "apiVersion: v1",
                "kind: Config",
                "clusters:",
                "- name: local-kube",
                "  cluster:",
                "    server: http://127.0.0.1:" + server.getPort(),
                "users:",
                "- name: e2e",
                "  user:",
                // The mock checks no credentials; a token keeps every client on its plain bearer path.
                "    token: not-checked-by-the-mock",
                "contexts:",
                "- name: local-kube",
                "  context:",
                "    cluster: local-kube",
                "    user: e2e",
                "    namespace: " + namespace,
                "current-context: local-kube",
                ""));
        return new MockApiServer(server, kubeconfig, namespace);
    }

    /** The kubeconfig that kubectl, the operator and the pods' processes use. */
    public Path kubeconfig() {
        return kubeconfig;
    }

    public String namespace() {
        return namespace;
    }

    public int port() {
        return server.getPort();
    }

    /** A new client of this server (callers close it). */
    public KubernetesClient newClient() {
        Config config = Config.empty();
        config.setMasterUrl("http://127.0.0.1:" + server.getPort());
        config.setNamespace(namespace);
        config.setOauthToken("not-checked-by-the-mock");
        config.setRequestTimeout(20_000);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    @Override
    public void close() {
        server.destroy();
    }
}
