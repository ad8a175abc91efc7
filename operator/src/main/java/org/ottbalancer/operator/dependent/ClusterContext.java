package org.ottbalancer.operator.dependent;

import io.javaoperatorsdk.operator.api.reconciler.Context;
import org.ottbalancer.operator.config.OperatorPods;
import org.ottbalancer.operator.model.OttCluster;
import org.ottbalancer.operator.model.ResolvedCluster;

/**
 * Hands the validated, defaulted spec from the reconciler to the dependent resources: the reconciler
 * resolves it once per reconciliation and only then runs the workflow (explicit invocation), so no
 * dependent ever sees an invalid spec.
 */
public final class ClusterContext {
    private static final String MONOLITH_REPLICAS = "monolith-replicas";
    private ClusterContext() {
    }

    public static void put(Context<OttCluster> context, ResolvedCluster cluster) {
        context.managedWorkflowAndDependentResourceContext().put(ResolvedCluster.class, cluster);
    }

    /** Where the operator runs, for the NetworkPolicy that lets only it reach the agents' API. */
    public static void putOperatorPods(Context<OttCluster> context, OperatorPods pods) {
        context.managedWorkflowAndDependentResourceContext().put(OperatorPods.class, pods);
    }

    public static OperatorPods operatorPods(Context<OttCluster> context) {
        return context.managedWorkflowAndDependentResourceContext().getMandatory(OperatorPods.class, OperatorPods.class);
    }

    /**
     * The monolith Deployment's replica count as the drain state machine wants it: during a drain it
     * is above {@code spec.monolith.replicas} until the victims are gone.
     */
    public static void putMonolithReplicas(Context<OttCluster> context, int replicas) {
        context.managedWorkflowAndDependentResourceContext().put(MONOLITH_REPLICAS, replicas);
    }

    /** The drain state machine's replica count, or the spec's when it did not run. */
    public static int monolithReplicas(Context<OttCluster> context) {
        return context.managedWorkflowAndDependentResourceContext().get(MONOLITH_REPLICAS, Integer.class)
                .orElseGet(() -> get(context).monolith().replicas());
    }

    public static ResolvedCluster get(Context<OttCluster> context) {
        return context.managedWorkflowAndDependentResourceContext()
                .getMandatory(ResolvedCluster.class, ResolvedCluster.class);
    }
}
