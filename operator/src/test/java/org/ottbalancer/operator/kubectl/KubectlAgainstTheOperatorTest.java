package org.ottbalancer.operator.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.nio.file.Path;
import java.util.Objects;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.ottbalancer.operator.testing.Kubectl;
import org.ottbalancer.operator.testing.MockCluster;

/**
 * The checked-in CRD and sample, applied with the real kubectl to the mock API server the operator
 * runs against: a person's first steps, in order. {@code kubectl explain} is not covered: the mock
 * serves no OpenAPI documents.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class KubectlAgainstTheOperatorTest {
    private static final String NS = "kubectl";

    @TempDir
    static Path dir;

    private static MockCluster cluster;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        cluster = MockCluster.start(false);
        kubectl = new Kubectl(dir, cluster.port(), NS);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static Deployment monoliths() {
        return cluster.client().apps().deployments().inNamespace(NS).withName("watch-party-monolith").get();
    }

    @Test
    @Order(1)
    void crdAppliesFromTheCrdsFolder() throws Exception {
        String out = kubectl.ok("apply", "--validate=false", "-f", "../crds/ottclusters.ottbalancer.org-v1.yml");
        assertEquals("customresourcedefinition.apiextensions.k8s.io/ottclusters.ottbalancer.org created", out);
    }

    @Test
    @Order(2)
    void sampleClusterAppliesAndTheOperatorCreatesItsMonoliths() throws Exception {
        String out = kubectl.ok("apply", "--validate=false", "-f", "../crds/sample-ottcluster.yaml");
        assertEquals("ottcluster.ottbalancer.org/watch-party created", out);
        Deployment d = MockCluster.await("the sample's monolith Deployment", () -> monoliths());
        assertEquals(2, d.getSpec().getReplicas());
    }

    @Test
    @Order(3)
    void getListsTheClusterByResourceNameAndShortName() throws Exception {
        assertEquals("watch-party", kubectl.ok("get", "ottclusters", "-o", "jsonpath={.items[*].metadata.name}"));
        assertEquals("watch-party", kubectl.ok("get", "ott", "-o", "jsonpath={.items[*].metadata.name}"));
    }

    @Test
    @Order(4)
    void statusShowsTheMonolithSelector() throws Exception {
        String selector = MockCluster.await("status.selector", () -> {
            try {
                String s = kubectl.ok("get", "ottcluster", "watch-party", "-o", "jsonpath={.status.selector}");
                return s.isEmpty() ? null : s;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        assertEquals("app.kubernetes.io/name=ott-balancer,app.kubernetes.io/instance=watch-party,"
                + "app.kubernetes.io/component=monolith", selector);
    }

    @Test
    @Order(5)
    void scaleSetsTheMonolithReplicasAndTheOperatorScalesUp() throws Exception {
        Kubectl.Result r = kubectl.run("scale", "ottcluster/watch-party", "--replicas=5");
        assertEquals(0, r.exitCode(), r.describe());
        assertTrue(r.stdout().contains("ottcluster.ottbalancer.org/watch-party scaled"), r.describe());
        assertEquals("5", kubectl.ok("get", "ottcluster", "watch-party", "-o", "jsonpath={.spec.monolith.replicas}"));
        MockCluster.await("5 monoliths", () -> Objects.equals(monoliths().getSpec().getReplicas(), 5));
        assertEquals("5", kubectl.ok("get", "deployment", "watch-party-monolith", "-o", "jsonpath={.spec.replicas}"));
    }
}
