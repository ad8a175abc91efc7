package org.ottbalancer.operator.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ottbalancer.operator.model.AgentSpec;
import org.ottbalancer.operator.model.MonolithSpec;
import org.ottbalancer.operator.model.NetworkPolicySpec;
import org.ottbalancer.operator.model.OttCluster;
import org.ottbalancer.operator.testing.Clusters;
import org.ottbalancer.operator.testing.MockCluster;
import org.ottbalancer.operator.testing.PolicyEvaluator;
import org.ottbalancer.operator.testing.PolicyEvaluator.Pod;

/**
 * Who may connect to which port of the cluster's pods, judged from the NetworkPolicies the operator
 * creates. Ports: monolith HTTP 8080, balancing 8082 (never declared), agent link 4003 and API 4090,
 * balancer 9000.
 */
class NetworkPolicyTest {
    private static final String NS = "rooms";
    private static final String NAME = "ott";
    private static final int MONOLITH_HTTP = 8080;
    private static final int BALANCING = 8082;
    private static final int LINK = 4003;
    private static final int AGENT_HTTP = 4090;
    private static final int BALANCER = 9000;

    private static final Pod MONOLITH = new Pod(NS, labels(NAME, "monolith"));
    private static final Pod BALANCER_POD = new Pod(NS, labels(NAME, "balancer"));
    private static final Pod OTHER_CLUSTERS_BALANCER = new Pod(NS, labels("other", "balancer"));
    private static final Pod OPERATOR = new Pod("ott-system", Map.of("app.kubernetes.io/name", "ott-operator"));
    private static final Pod OPERATOR_LOOKALIKE = new Pod(NS, Map.of("app.kubernetes.io/name", "ott-operator"));
    private static final Pod PROMETHEUS = new Pod("monitoring", Map.of("app.kubernetes.io/name", "prometheus"));
    private static final Pod ANY_POD = new Pod("default", Map.of("app", "curl"));

    private static MockCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void createCluster() {
        cluster = MockCluster.start();
        client = cluster.client();
        OttCluster c = Clusters.withMonoliths(NS, NAME, 2);
        MonolithSpec m = c.getSpec().getMonolith();
        m.setHttpPort(MONOLITH_HTTP);
        m.setBalancingPort(BALANCING);
        AgentSpec a = new AgentSpec();
        a.setLinkPort(LINK);
        a.setHttpPort(AGENT_HTTP);
        c.getSpec().setAgent(a);
        c.getSpec().setBalancer(new org.ottbalancer.operator.model.BalancerSpec());
        c.getSpec().getBalancer().setPort(BALANCER);
        NetworkPolicySpec np = new NetworkPolicySpec();
        np.setMetricsFrom(List.of(new NetworkPolicyPeerBuilder()
                .withNamespaceSelector(new LabelSelectorBuilder()
                        .withMatchLabels(Map.of("kubernetes.io/metadata.name", "monitoring")).build())
                .withPodSelector(new LabelSelectorBuilder()
                        .withMatchLabels(Map.of("app.kubernetes.io/name", "prometheus")).build())
                .build()));
        c.getSpec().setNetworkPolicy(np);
        client.resource(c).create();
        MockCluster.await("both policies", () -> policies(NS).size() == 2);
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static Map<String, String> labels(String cluster, String component) {
        return Map.of("app.kubernetes.io/name", "ott-balancer", "app.kubernetes.io/instance", cluster,
                "app.kubernetes.io/component", component, "app.kubernetes.io/managed-by", "ott-operator");
    }

    private static List<NetworkPolicy> policies(String ns) {
        return client.network().v1().networkPolicies().inNamespace(ns).list().getItems();
    }

    private static boolean allows(Pod from, Pod to, int port) {
        return new PolicyEvaluator(policies(NS)).allows(from, to, port);
    }

    @Test
    void onlyBalancersReachTheAgentLinkPort() {
        assertTrue(allows(BALANCER_POD, MONOLITH, LINK));
        assertFalse(allows(OTHER_CLUSTERS_BALANCER, MONOLITH, LINK));
        assertFalse(allows(OPERATOR, MONOLITH, LINK));
        assertFalse(allows(ANY_POD, MONOLITH, LINK));
    }

    @Test
    void onlyBalancersReachTheMonolithHttpPortTheyProxyTo() {
        assertTrue(allows(BALANCER_POD, MONOLITH, MONOLITH_HTTP));
        assertFalse(allows(ANY_POD, MONOLITH, MONOLITH_HTTP));
        assertFalse(allows(OPERATOR, MONOLITH, MONOLITH_HTTP));
    }

    @Test
    void onlyTheOperatorsPodsInItsNamespaceReachTheAgentApi() {
        assertTrue(allows(OPERATOR, MONOLITH, AGENT_HTTP));
        assertFalse(allows(OPERATOR_LOOKALIKE, MONOLITH, AGENT_HTTP), "same labels, wrong namespace");
        assertFalse(allows(BALANCER_POD, MONOLITH, AGENT_HTTP));
        assertFalse(allows(ANY_POD, MONOLITH, AGENT_HTTP));
    }

    @Test
    void metricsFromPeersReachTheAgentAndMonolithMetricsPortsOnly() {
        assertTrue(allows(PROMETHEUS, MONOLITH, AGENT_HTTP));
        assertTrue(allows(PROMETHEUS, MONOLITH, MONOLITH_HTTP));
        assertFalse(allows(PROMETHEUS, MONOLITH, LINK));
    }

    @Test
    void nobodyReachesTheMonolithBalancingPortOverTheNetwork() {
        for (Pod from : List.of(BALANCER_POD, OPERATOR, PROMETHEUS, ANY_POD)) {
            assertFalse(allows(from, MONOLITH, BALANCING), from.toString());
        }
    }

    @Test
    void everyoneReachesTheBalancerPort() {
        for (Pod from : List.of(ANY_POD, PROMETHEUS, OPERATOR)) {
            assertTrue(allows(from, BALANCER_POD, BALANCER), from.toString());
        }
        assertFalse(allows(ANY_POD, BALANCER_POD, BALANCER + 1), "no other balancer port is open");
    }

    @Test
    void policiesBelongToTheClusterAndLimitIngressOnly() {
        for (NetworkPolicy p : policies(NS)) {
            assertEquals(List.of("Ingress"), p.getSpec().getPolicyTypes(), p.getMetadata().getName());
            assertEquals("OttCluster", p.getMetadata().getOwnerReferences().get(0).getKind());
            assertEquals(NAME, p.getMetadata().getLabels().get("app.kubernetes.io/instance"));
        }
    }

    @Test
    void networkPoliciesAreOmittedWhenDisabled() {
        OttCluster c = Clusters.empty("no-policies", NAME);
        NetworkPolicySpec np = new NetworkPolicySpec();
        np.setEnabled(false);
        c.getSpec().setNetworkPolicy(np);
        client.resource(c).create();
        MockCluster.await("the monolith Deployment",
                () -> client.apps().deployments().inNamespace("no-policies").withName("ott-monolith").get());
        MockCluster.await("the balancer Deployment",
                () -> client.apps().deployments().inNamespace("no-policies").withName("ott-balancer").get());
        assertEquals(List.of(), policies("no-policies"));
    }

    @Test
    void disablingNetworkPoliciesDeletesTheOnesCreated() {
        client.resource(Clusters.empty("switched-off", NAME)).create();
        MockCluster.await("both policies", () -> policies("switched-off").size() == 2);
        Clusters.edit(client, "switched-off", NAME, c -> {
            NetworkPolicySpec np = new NetworkPolicySpec();
            np.setEnabled(false);
            c.getSpec().setNetworkPolicy(np);
        });
        MockCluster.await("no policies left", () -> policies("switched-off").isEmpty());
        Deployment monoliths = client.apps().deployments().inNamespace("switched-off").withName("ott-monolith").get();
        assertTrue(monoliths != null, "the rest of the cluster stays");
    }
}
