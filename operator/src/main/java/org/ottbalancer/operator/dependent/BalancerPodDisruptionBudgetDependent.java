package org.ottbalancer.operator.dependent;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import org.ottbalancer.operator.model.OttCluster;
import org.ottbalancer.operator.model.ResolvedCluster;

/** At most one balancer pod away at a time during node drains. */
@KubernetesDependent(informer = @Informer(labelSelector = StandardLabels.BALANCER_SELECTOR))
public class BalancerPodDisruptionBudgetDependent extends ManagedDependent<PodDisruptionBudget> {
    public BalancerPodDisruptionBudgetDependent() {
        super(PodDisruptionBudget.class);
    }

    @Override
    String name(String cluster) {
        return ResourceNames.balancer(cluster);
    }

    @Override
    PodDisruptionBudget desired(ResolvedCluster cluster, Context<OttCluster> context) {
        return PodDisruptionBudgets.oneAtATime(metadata(cluster, StandardLabels.BALANCER), cluster.name(),
                StandardLabels.BALANCER);
    }
}
