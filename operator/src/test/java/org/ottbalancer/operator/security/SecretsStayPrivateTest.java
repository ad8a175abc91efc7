package org.ottbalancer.operator.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ottbalancer.operator.drain.DrainAnnotations;
import org.ottbalancer.operator.model.BalancerSpec;
import org.ottbalancer.operator.model.OttCluster;
import org.ottbalancer.operator.model.SecretKeyRef;
import org.ottbalancer.operator.testing.CapturedLog;
import org.ottbalancer.operator.testing.Clusters;
import org.ottbalancer.operator.testing.FakeAgents;
import org.ottbalancer.operator.testing.MockCluster;
import org.ottbalancer.operator.testing.MonolithPods;

/**
 * The drain token and the balancers' API key stay in their Secrets: after a cluster's whole life so
 * far (creation, registry publishing, a scale-down whose drain fails and raises a Warning Event),
 * neither appears in the OttCluster (status included), its Events, the objects the operator wrote,
 * or the operator's log.
 */
class SecretsStayPrivateTest {
    private static final String NS = "secrets";
    private static final String NAME = "ott";
    private static final String API_KEY = "api-key-" + UUID.randomUUID();

    private static FakeAgents agents;
    private static MockCluster cluster;
    private static KubernetesClient client;
    private static String log;
    private static String token;

    @BeforeAll
    static void liveThroughADrain() {
        agents = new FakeAgents();
        try (CapturedLog captured = CapturedLog.start()) {
            cluster = MockCluster.withAgents(agents, true);
            client = cluster.client();
            client.resource(new SecretBuilder().withNewMetadata().withName("balancer-api").withNamespace(NS)
                    .endMetadata().withStringData(Map.of("key", API_KEY)).build()).create();
            OttCluster c = Clusters.withMonoliths(NS, NAME, 2);
            BalancerSpec b = new BalancerSpec();
            b.setApiKeySecretRef(new SecretKeyRef("balancer-api", "key"));
            c.getSpec().setBalancer(b);
            client.resource(c).create();
            MonolithPods pods = new MonolithPods(client, NS, NAME);
            for (int i = 0; i < 2; i++) {
                agents.add(NS + "-" + i).figures(1, 1 + i, 5.0 + i);
                pods.create(NS + "-" + i, "10.8.0." + (10 + i), true, Instant.now());
            }
            token = tokenOf(NS);
            Clusters.edit(client, NS, NAME, x -> x.getSpec().getMonolith().setReplicas(1));
            MockCluster.await("the drain request", () -> !agents.get(NS + "-0").drainCalls().isEmpty());
            agents.get(NS + "-0").failDrain("2 rooms could not move");
            MockCluster.await("the drain released", () -> "-1000".equals(
                    pods.annotation(NS + "-0", DrainAnnotations.DELETION_COST)));
            MockCluster.await("a DrainFailed event", () -> client.v1().events().inNamespace(NS).list().getItems()
                    .stream().anyMatch(e -> "DrainFailed".equals(e.getReason())));
            log = captured.text();
        }
    }

    @AfterAll
    static void stop() {
        cluster.close();
        agents.close();
    }

    private static String tokenOf(String ns) {
        var secret = MockCluster.await("the drain-token Secret",
                () -> client.secrets().inNamespace(ns).withName(NAME + "-drain-token").get());
        return new String(Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.US_ASCII);
    }

    private static String clusterWithStatus() {
        OttCluster c = client.resources(OttCluster.class).inNamespace(NS).withName(NAME).get();
        assertTrue(c.getStatus() != null && !c.getStatus().getConditions().isEmpty(), "the status was written");
        return Serialization.asYaml(c);
    }

    private static String events() {
        return Serialization.asYaml(client.v1().events().inNamespace(NS).list());
    }

    private static String writtenObjects() {
        return Serialization.asYaml(client.apps().deployments().inNamespace(NS).list())
                + Serialization.asYaml(client.configMaps().inNamespace(NS).list())
                + Serialization.asYaml(client.pods().inNamespace(NS).list())
                + Serialization.asYaml(client.network().v1().networkPolicies().inNamespace(NS).list());
    }

    @Test
    void theScenarioUsedTheTokenAndLoggedTheFailedDrain() {
        assertEquals("Bearer " + token, agents.get(NS + "-0").drainCalls().get(0).authorization());
        assertTrue(log.contains("DrainFailed"), "the log capture works: " + log.length() + " characters");
    }

    @Test
    void drainTokenNeverAppearsInStatusEventsObjectsOrLogs() {
        assertFalse(clusterWithStatus().contains(token), "status");
        assertFalse(events().contains(token), "events");
        assertFalse(writtenObjects().contains(token), "deployments, configmaps, pods, policies");
        assertFalse(log.contains(token), "log");
    }

    @Test
    void apiKeyNeverAppearsInStatusEventsObjectsOrLogs() {
        assertFalse(clusterWithStatus().contains(API_KEY), "status");
        assertFalse(events().contains(API_KEY), "events");
        assertFalse(writtenObjects().contains(API_KEY), "deployments, configmaps, pods, policies");
        assertFalse(log.contains(API_KEY), "log");
    }

    @Test
    void apiKeyReachesTheBalancerOnlyAsASecretReference() {
        var env = client.apps().deployments().inNamespace(NS).withName(NAME + "-balancer").get().getSpec()
                .getTemplate().getSpec().getContainers().get(0).getEnv().stream()
                .filter(e -> e.getName().equals("BALANCER_API_KEY")).findFirst().orElseThrow();
        assertEquals(null, env.getValue());
        assertEquals("balancer-api", env.getValueFrom().getSecretKeyRef().getName());
        assertEquals("key", env.getValueFrom().getSecretKeyRef().getKey());
    }
}
