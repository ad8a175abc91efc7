package org.ottbalancer.operator.dependent;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;

/** Voluntary disruptions (node drains) take one pod of a component at a time. */
final class PodDisruptionBudgets {
    private PodDisruptionBudgets() {
    }

    static PodDisruptionBudget oneAtATime(ObjectMeta metadata, String cluster, String component) {
        return new PodDisruptionBudgetBuilder()
                .withMetadata(metadata)
                .withNewSpec()
                .withMaxUnavailable(new IntOrString(1))
                .withNewSelector()
                .withMatchLabels(StandardLabels.selector(cluster, component))
                .endSelector()
                .endSpec()
                .build();
    }
}
