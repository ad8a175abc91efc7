package org.ottbalancer.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ottbalancer.operator.testing.Kubectl;

/**
 * NOTES.txt, as {@code helm install} prints it. A client-side dry run renders it; Helm still asks
 * an API server for its version and kinds, which the mock answers (it has no OpenAPI documents,
 * hence {@code --disable-openapi-validation}).
 */
class ChartNotesTest {
    @TempDir
    Path dir;
    private KubernetesMockServer server;
    private Path kubeconfig;

    @BeforeEach
    void startApiServer() throws IOException, InterruptedException {
        java.util.logging.Logger.getLogger("io.fabric8.mockwebserver").setLevel(java.util.logging.Level.WARNING);
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), new ChartApiDiscovery(),
                false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        // a dry run does not install crds/, so the OttCluster kind must already be known
        new Kubectl(dir, server.getPort(), "default").ok("apply", "--validate=false", "-f",
                ChartFiles.CHART.resolve("crds").toString());
        kubeconfig = dir.resolve("kubeconfig");
    }

    @AfterEach
    void stopApiServer() {
        server.destroy();
    }

    private String notes(String valuesFile) {
        Helm.Result r = Helm.run("install", "ott", ChartFiles.CHART.toString(), "--namespace", "ott-system",
                "--dry-run=client", "--disable-openapi-validation", "--kubeconfig", kubeconfig.toString(), "-f",
                ChartFiles.VALUES.resolve(valuesFile).toString());
        assertEquals(0, r.exitCode(), r::describe);
        int start = r.stdout().indexOf("NOTES:");
        assertTrue(start >= 0, r::describe);
        return r.stdout().substring(start);
    }

    @Test
    void notesTellHowToCheckTheOperatorAndCreateAnOttCluster() {
        String notes = notes("defaults.yaml");
        assertTrue(notes.contains("kubectl -n ott-system rollout status deployment/ott-ott-balancer-operator"), notes);
        assertTrue(notes.contains("kind: OttCluster"), notes);
        assertTrue(notes.contains("reconciles OttClusters in every namespace"), notes);
    }

    @Test
    void notesWarnThatHelmDoesNotUpgradeTheCrd() {
        String notes = notes("defaults.yaml");
        assertTrue(notes.contains("does NOT upgrade the OttCluster CRD"), notes);
        assertTrue(notes.contains("kubectl apply --server-side"), notes);
    }

    @Test
    void notesNameTheWatchedNamespacesAndApplyIntoTheFirst() {
        String notes = notes("namespace-scoped.yaml");
        assertTrue(notes.contains("It reconciles OttClusters in: team-a, team-b"), notes);
        assertTrue(notes.contains("kubectl apply -n team-a -f -"), notes);
    }

    @Test
    void notesPointAtTheOttClusterCreatedFromValues() {
        String notes = notes("with-ottcluster.yaml");
        assertTrue(notes.contains("kubectl -n watch-party get ottcluster watch-party"), notes);
    }
}
