package org.ottbalancer.operator.dependent;

import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import org.ottbalancer.operator.model.OttCluster;
import org.ottbalancer.operator.model.ResolvedCluster;

/**
 * At most one monolith pod away at a time during node drains, so rooms moving off an evicted
 * monolith always have the others to go to.
 */
@KubernetesDependent(informer = @Informer(labelSelector = StandardLabels.MONOLITH_SELECTOR))
public class MonolithPodDisruptionBudgetDependent extends ManagedDependent<PodDisruptionBudget> {
    public MonolithPodDisruptionBudgetDependent() {
        super(PodDisruptionBudget.class);
    }

    @Override
    String name(String cluster) {
        return ResourceNames.monolith(cluster);
    }

    @Override
    PodDisruptionBudget desired(ResolvedCluster cluster, Context<OttCluster> context) {
        return PodDisruptionBudgets.oneAtATime(metadata(cluster, StandardLabels.MONOLITH), cluster.name(),
                StandardLabels.MONOLITH);
    }
}
