package org.ottbalancer.operator.dependent;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ottbalancer.operator.config.ComponentImages;
import org.ottbalancer.operator.config.OperatorPods;
import org.ottbalancer.operator.model.ResolvedCluster;
import org.ottbalancer.operator.testing.Clusters;
import org.ottbalancer.operator.testing.PolicyEvaluator;
import org.ottbalancer.operator.testing.PolicyEvaluator.Pod;

/** An operator that cannot tell its namespace (run outside a cluster) is looked for beside the monoliths. */
class OperatorNamespaceUnknownTest {
    @Test
    void withoutAKnownNamespaceOnlyOperatorPodsInTheClustersNamespaceReachTheAgentApi() {
        ResolvedCluster cluster = ResolvedCluster.of(Clusters.empty("rooms", "ott"), ComponentImages.forVersion("1"));
        Map<String, String> operatorLabels = Map.of("app.kubernetes.io/name", "ott-operator");
        PolicyEvaluator policy = new PolicyEvaluator(List.of(MonolithNetworkPolicyDependent.build(cluster,
                new OperatorPods(Optional.empty(), operatorLabels))));
        Pod monolith = new Pod("rooms", StandardLabels.podLabels("ott", StandardLabels.MONOLITH, Map.of()));
        int agentApi = cluster.agent().httpPort();
        assertTrue(policy.allows(new Pod("rooms", operatorLabels), monolith, agentApi));
        assertFalse(policy.allows(new Pod("ott-system", operatorLabels), monolith, agentApi));
    }
}
