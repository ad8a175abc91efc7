package org.ottbalancer.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ottbalancer.operator.model.AgentSpec;
import org.ottbalancer.operator.model.BalancerSpec;
import org.ottbalancer.operator.model.ClusterCondition;
import org.ottbalancer.operator.model.OttCluster;
import org.ottbalancer.operator.model.OttClusterStatus;
import org.ottbalancer.operator.testing.Clusters;
import org.ottbalancer.operator.testing.MockCluster;

/** Status, conditions and spec validation, each test on its own OttCluster in its own namespace. */
class StatusAndValidationTest {
    private static MockCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void start() {
        cluster = MockCluster.start();
        client = cluster.client();
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static OttCluster get(String ns, String name) {
        return client.resources(OttCluster.class).inNamespace(ns).withName(name).get();
    }

    private static Deployment deployment(String ns, String name) {
        return client.apps().deployments().inNamespace(ns).withName(name).get();
    }

    private static ClusterCondition condition(OttCluster c, String type) {
        if (c == null || c.getStatus() == null) {
            return null;
        }
        return c.getStatus().getConditions().stream().filter(x -> x.getType().equals(type)).findFirst().orElse(null);
    }

    private static ClusterCondition awaitCondition(String ns, String name, String type, String status, String reason) {
        try {
            return MockCluster.await(type + "=" + status + " (" + reason + ") on " + ns + "/" + name, () -> {
                ClusterCondition c = condition(get(ns, name), type);
                return c != null && c.getStatus().equals(status) && c.getReason().equals(reason) ? c : null;
            });
        } catch (AssertionError e) {
            OttCluster last = get(ns, name);
            throw new AssertionError(e.getMessage() + "; last status: "
                    + (last == null ? "no cluster" : io.fabric8.kubernetes.client.utils.Serialization.asJson(last.getStatus())), e);
        }
    }

    /** Plays the Deployment controller: every pod asked for is up to date and available. */
    private static void markRolledOut(String ns, String name) {
        Deployment d = MockCluster.await("Deployment " + name, () -> deployment(ns, name));
        int replicas = d.getSpec().getReplicas();
        client.apps().deployments().inNamespace(ns).withName(name).editStatus(x -> {
            x.setStatus(new DeploymentStatusBuilder()
                    .withObservedGeneration(x.getMetadata().getGeneration() == null ? 1L : x.getMetadata().getGeneration())
                    .withReplicas(replicas).withUpdatedReplicas(replicas).withReadyReplicas(replicas)
                    .withAvailableReplicas(replicas).build());
            return x;
        });
    }

    @Test
    void emptySpecGetsAWorkingClusterFromDefaults() {
        client.resource(Clusters.empty("defaults", "tiny")).create();
        Deployment monolith = MockCluster.await("monolith", () -> deployment("defaults", "tiny-monolith"));
        Deployment balancer = MockCluster.await("balancer", () -> deployment("defaults", "tiny-balancer"));
        assertEquals(1, monolith.getSpec().getReplicas());
        assertEquals(1, balancer.getSpec().getReplicas());
        assertEquals("ghcr.io/ott-balancer/ott-sample-monolith:" + MockCluster.IMAGE_TAG,
                monolith.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertEquals("ghcr.io/ott-balancer/ott-balancer:" + MockCluster.IMAGE_TAG,
                balancer.getSpec().getTemplate().getSpec().getContainers().get(0).getImage());
        assertEquals(300 + 30, monolith.getSpec().getTemplate().getSpec().getTerminationGracePeriodSeconds());
    }

    @Test
    void newClusterIsProgressingAndNotReadyWhileItsPodsAreNotAvailable() {
        client.resource(Clusters.withMonoliths("fresh", "ott", 2)).create();
        ClusterCondition ready = awaitCondition("fresh", "ott", "Ready", "False", "NotAvailable");
        assertTrue(ready.getMessage().contains("monolith: 0/2 updated, 0/2 available")
                || ready.getMessage().contains("waiting for the Deployment controller"), ready.getMessage());
        awaitCondition("fresh", "ott", "Progressing", "True", "RollingOut");
        awaitCondition("fresh", "ott", "Degraded", "False", "AsExpected");
    }

    @Test
    void clusterIsReadyOnceEveryBalancerAndMonolithIsAvailable() {
        client.resource(Clusters.withMonoliths("ready", "ott", 2)).create();
        markRolledOut("ready", "ott-monolith");
        markRolledOut("ready", "ott-balancer");
        awaitCondition("ready", "ott", "Ready", "True", "AllAvailable");
        awaitCondition("ready", "ott", "Progressing", "False", "RolloutComplete");
        OttClusterStatus status = get("ready", "ott").getStatus();
        assertEquals(2, status.getReplicas());
        assertEquals(2, status.getReadyMonoliths());
        assertEquals(1, status.getBalancers().getReady());
        assertEquals(1, status.getBalancers().getDesired());
    }

    @Test
    void conditionsRecordTheGenerationTheyWereComputedFrom() {
        client.resource(Clusters.withMonoliths("generations", "ott", 1)).create();
        ClusterCondition ready = awaitCondition("generations", "ott", "Ready", "False", "NotAvailable");
        OttCluster c = get("generations", "ott");
        assertEquals(c.getMetadata().getGeneration(), c.getStatus().getObservedGeneration());
        assertEquals(c.getMetadata().getGeneration(), ready.getObservedGeneration());
        assertTrue(ready.getLastTransitionTime().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"),
                ready.getLastTransitionTime());
    }

    @Test
    void statusCarriesTheScaleSubresourceSelectorAndReplicas() {
        client.resource(Clusters.withMonoliths("scale", "ott", 3)).create();
        markRolledOut("scale", "ott-monolith");
        OttClusterStatus status = MockCluster.await("status.replicas 3", () -> {
            OttCluster c = get("scale", "ott");
            return c.getStatus() != null && Integer.valueOf(3).equals(c.getStatus().getReplicas()) ? c.getStatus() : null;
        });
        assertEquals("app.kubernetes.io/name=ott-balancer,app.kubernetes.io/instance=ott,"
                + "app.kubernetes.io/component=monolith", status.getSelector());
    }

    @Test
    void raisingMonolithReplicasScalesTheMonolithDeploymentUp() {
        client.resource(Clusters.withMonoliths("up", "ott", 1)).create();
        MockCluster.await("1 monolith", () -> deployment("up", "ott-monolith"));
        Clusters.edit(client, "up", "ott", c -> c.getSpec().getMonolith().setReplicas(4));
        MockCluster.await("4 monoliths", () -> deployment("up", "ott-monolith").getSpec().getReplicas() == 4);
    }

    @Test
    void invalidImageIsReportedAsDegradedAndNothingIsCreated() {
        OttCluster c = Clusters.empty("bad-image", "ott");
        BalancerSpec b = new BalancerSpec();
        b.setImage("Not An Image!");
        c.getSpec().setBalancer(b);
        client.resource(c).create();
        ClusterCondition degraded = awaitCondition("bad-image", "ott", "Degraded", "True", "InvalidSpec");
        assertTrue(degraded.getMessage().contains("spec.balancer.image: \"Not An Image!\" is not a valid image reference"),
                degraded.getMessage());
        assertEquals("InvalidSpec", condition(get("bad-image", "ott"), "Ready").getReason());
        assertNull(deployment("bad-image", "ott-balancer"));
        assertNull(deployment("bad-image", "ott-monolith"));
    }

    @Test
    void invalidEditLeavesTheRunningResourcesAsTheyWere() {
        client.resource(Clusters.withMonoliths("bad-edit", "ott", 2)).create();
        MockCluster.await("monolith", () -> deployment("bad-edit", "ott-monolith"));
        Clusters.edit(client, "bad-edit", "ott", c -> {
            c.getSpec().getMonolith().setReplicas(5);
            AgentSpec a = new AgentSpec();
            a.setLinkPort(3000);
            c.getSpec().setAgent(a);
        });
        ClusterCondition degraded = awaitCondition("bad-edit", "ott", "Degraded", "True", "InvalidSpec");
        assertTrue(degraded.getMessage().contains("spec.agent.linkPort: is 3000, the same port as spec.monolith.httpPort"),
                degraded.getMessage());
        assertEquals(2, deployment("bad-edit", "ott-monolith").getSpec().getReplicas());
    }

    @Test
    void fixingAnInvalidSpecClearsDegraded() {
        OttCluster c = Clusters.empty("fixed", "ott");
        BalancerSpec b = new BalancerSpec();
        b.setImage("UPPER/case");
        c.getSpec().setBalancer(b);
        client.resource(c).create();
        awaitCondition("fixed", "ott", "Degraded", "True", "InvalidSpec");
        Clusters.edit(client, "fixed", "ott", x -> x.getSpec().getBalancer().setImage("example.com/balancer:1"));
        awaitCondition("fixed", "ott", "Degraded", "False", "AsExpected");
        MockCluster.await("balancer", () -> deployment("fixed", "ott-balancer"));
    }

    @Test
    void noBalancersForRunningMonolithsIsAWarningThatStillReconciles() {
        OttCluster c = Clusters.withMonoliths("no-balancers", "ott", 2);
        BalancerSpec b = new BalancerSpec();
        b.setReplicas(0);
        c.getSpec().setBalancer(b);
        client.resource(c).create();
        ClusterCondition degraded = awaitCondition("no-balancers", "ott", "Degraded", "True", "SpecWarning");
        assertEquals("spec.balancer.replicas: is 0 while 2 monolith(s) run: no balancer routes users to them",
                degraded.getMessage());
        assertEquals(0, MockCluster.await("balancer", () -> deployment("no-balancers", "ott-balancer"))
                .getSpec().getReplicas());
    }

    @Test
    void stuckRolloutIsReportedAsDegraded() {
        client.resource(Clusters.withMonoliths("stuck", "ott", 1)).create();
        MockCluster.await("monolith", () -> deployment("stuck", "ott-monolith"));
        client.apps().deployments().inNamespace("stuck").withName("ott-monolith").editStatus(d -> {
            d.setStatus(new DeploymentStatusBuilder().withObservedGeneration(1L).withReplicas(1)
                    .addNewCondition().withType("Progressing").withStatus("False").withReason("ProgressDeadlineExceeded")
                    .withMessage("ReplicaSet \"ott-monolith-abc\" has timed out progressing.").endCondition().build());
            return d;
        });
        ClusterCondition degraded = awaitCondition("stuck", "ott", "Degraded", "True", "RolloutStuck");
        assertEquals("monolith: ReplicaSet \"ott-monolith-abc\" has timed out progressing.", degraded.getMessage());
    }

    @Test
    void conditionsAreListedInAFixedOrder() {
        client.resource(Clusters.withMonoliths("order", "ott", 1)).create();
        awaitCondition("order", "ott", "Degraded", "False", "AsExpected");
        List<String> types = get("order", "ott").getStatus().getConditions().stream().map(ClusterCondition::getType).toList();
        assertEquals(List.of("Ready", "Progressing", "Draining", "Degraded"), types);
    }
}
