package org.ottbalancer.operator.dependent;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import org.ottbalancer.operator.model.OttCluster;
import org.ottbalancer.operator.model.ResolvedCluster;

/**
 * Hands the validated, defaulted spec from the reconciler to the dependent resources: the reconciler
 * resolves it once per reconciliation and only then runs the workflow (explicit invocation), so no
 * dependent ever sees an invalid spec.
 */
public final class ClusterContext {
    private ClusterContext() {
    }

    public static void put(Context<OttCluster> context, ResolvedCluster cluster) {
        context.managedWorkflowAndDependentResourceContext().put(ResolvedCluster.class, cluster);
    }

    public static ResolvedCluster get(Context<OttCluster> context) {
        return context.managedWorkflowAndDependentResourceContext()
                .getMandatory(ResolvedCluster.class, ResolvedCluster.class);
    }
}
