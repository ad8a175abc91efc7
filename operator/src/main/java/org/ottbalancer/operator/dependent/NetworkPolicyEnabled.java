package org.ottbalancer.operator.dependent;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.DependentResource;
import io.javaoperatorsdk.operator.processing.dependent.workflow.Condition;
import org.ottbalancer.operator.model.OttCluster;

/**
 * Reconcile precondition of the NetworkPolicy dependents: {@code spec.networkPolicy.enabled}. When it
 * does not hold, the workflow deletes policies created earlier, so switching it off takes effect.
 */
public class NetworkPolicyEnabled implements Condition<NetworkPolicy, OttCluster> {
    @Override
    public boolean isMet(DependentResource<NetworkPolicy, OttCluster> dependentResource, OttCluster primary,
            Context<OttCluster> context) {
        return ClusterContext.get(context).networkPolicies().enabled();
    }
}
