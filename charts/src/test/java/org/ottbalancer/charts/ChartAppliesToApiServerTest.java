package org.ottbalancer.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ottbalancer.operator.testing.Kubectl;

/**
 * The README's install path without a cluster: the chart's CRD applied first, then the rendered
 * manifests, each with the real kubectl against the fabric8 mock API server; every rendered object
 * must then be readable with {@code kubectl get}. (Helm itself cannot install into the mock: it
 * stores releases as protobuf, which the mock does not parse. The mock has no OpenAPI either, hence
 * {@code --validate=false}.)
 */
class ChartAppliesToApiServerTest {
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    @TempDir
    Path dir;
    private KubernetesMockServer server;
    private Kubectl kubectl;

    static List<Path> validValues() {
        return ChartFiles.valuesFiles(ChartFiles.VALUES);
    }

    @BeforeEach
    void startApiServer() throws IOException {
        server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new ChartApiDiscovery(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        kubectl = new Kubectl(dir, server.getPort(), "default");
    }

    @AfterEach
    void stopApiServer() {
        server.destroy();
    }

    @ParameterizedTest
    @MethodSource("validValues")
    void renderedChartAppliesAndEveryObjectExists(Path values) throws Exception {
        kubectl.ok("apply", "--validate=false", "-f", ChartFiles.CHART.resolve("crds").toString());
        kubectl.ok("apply", "--validate=false", "-f", Path.of("src/test/resources/prometheus-operator").toString());
        String rendered = Helm.template(values);
        Manifests manifests = Manifests.parse(rendered);
        TreeSet<String> namespaces = new TreeSet<>(List.of("ott-system"));
        manifests.objects().stream().map(o -> o.getMetadata().getNamespace()).filter(Objects::nonNull)
                .forEach(namespaces::add);
        createNamespaces(namespaces);
        Path file = dir.resolve("rendered.yaml");
        Files.writeString(file, rendered);

        String applied = kubectl.ok("apply", "--validate=false", "-f", file.toString());

        for (GenericKubernetesResource o : manifests.objects()) {
            String name = o.getMetadata().getName();
            List<String> get = new java.util.ArrayList<>(List.of("get", type(o), name, "-o", "jsonpath={.metadata.name}"));
            if (o.getMetadata().getNamespace() != null) {
                get.addAll(List.of("-n", o.getMetadata().getNamespace()));
            }
            assertEquals(name, kubectl.ok(get.toArray(String[]::new)), () -> "after apply: " + applied);
        }
        assertTrue(manifests.objects().size() >= 6, manifests.summary()::toString);
    }

    @ParameterizedTest
    @MethodSource("validValues")
    void operatorDeploymentKeepsItsServiceAccountAndSecurityContextOnTheServer(Path values) throws Exception {
        Path file = dir.resolve("rendered.yaml");
        Files.writeString(file, Helm.template(values));
        createNamespaces(List.of("ott-system"));
        kubectl.ok("apply", "--validate=false", "-f", ChartFiles.CHART.resolve("crds").toString());
        kubectl.ok("apply", "--validate=false", "-f", Path.of("src/test/resources/prometheus-operator").toString());
        kubectl.ok("apply", "--validate=false", "-f", file.toString());
        String deployment = "deployment.apps/ott-ott-balancer-operator";
        String sa = kubectl.ok("get", deployment, "-n", "ott-system", "-o", "jsonpath={.spec.template.spec.serviceAccountName}");
        assertTrue(kubectl.ok("get", "serviceaccount", "-n", "ott-system", "-o", "jsonpath={.items[*].metadata.name}")
                .contains(sa), "ServiceAccount " + sa + " exists");
        assertEquals("true", kubectl.ok("get", deployment, "-n", "ott-system", "-o",
                "jsonpath={.spec.template.spec.containers[0].securityContext.readOnlyRootFilesystem}"));
    }

    @org.junit.jupiter.api.Test
    void theExampleOttClusterOfTheInstallGuideApplies() throws Exception {
        kubectl.ok("apply", "--validate=false", "-f", ChartFiles.CHART.resolve("crds").toString());
        createNamespaces(List.of("ott-demo"));
        Path example = ChartFiles.CHART.resolve("examples/watch-party.yaml");

        kubectl.ok("apply", "--validate=false", "-n", "ott-demo", "-f", example.toString());

        assertEquals("2", kubectl.ok("get", "ott", "watch-party", "-n", "ott-demo", "-o",
                "jsonpath={.spec.monolith.replicas}"), "the short name of the install guide works");
        kubectl.ok("scale", "ottcluster/watch-party", "-n", "ott-demo", "--replicas=3");
        assertEquals("3", kubectl.ok("get", "ottcluster", "watch-party", "-n", "ott-demo", "-o",
                "jsonpath={.spec.monolith.replicas}"));
    }

    /**
     * Applied rather than {@code kubectl create namespace}, which sends protobuf, a body the mock
     * server cannot read.
     */
    private void createNamespaces(Iterable<String> names) throws Exception {
        StringBuilder yaml = new StringBuilder();
        for (String ns : names) {
            yaml.append("---\napiVersion: v1\nkind: Namespace\nmetadata:\n  name: ").append(ns).append('\n');
        }
        Path file = dir.resolve("namespaces.yaml");
        Files.writeString(file, yaml);
        kubectl.ok("apply", "--validate=false", "-f", file.toString());
    }

    /** {@code kind.group}, the form kubectl resolves unambiguously through discovery. */
    private static String type(GenericKubernetesResource o) {
        String apiVersion = o.getApiVersion();
        String kind = o.getKind().toLowerCase(Locale.ROOT);
        return apiVersion.contains("/") ? kind + "." + apiVersion.substring(0, apiVersion.indexOf('/')) : kind;
    }
}
