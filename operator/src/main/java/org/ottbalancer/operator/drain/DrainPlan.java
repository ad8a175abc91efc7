package org.ottbalancer.operator.drain;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.ottbalancer.operator.status.ConditionUpdate;

/**
 * What one reconciliation does about monolith scale-down, computed by {@link DrainPlanner} from what
 * the operator observes; carrying it out is the reconciler's job.
 *
 * @param newVictims pods to mark as drain victims now
 * @param drainCalls victims whose agent should be asked to drain (again)
 * @param releases victims whose drain ended: lowest deletion cost, then fewer replicas
 * @param strays drained pods that outlived the replica decrease meant to remove them; safe to delete
 * @param draining every victim still present, new ones included: published as {@code draining}
 * @param desiredReplicas the monolith Deployment's replica count
 * @param condition the {@code Draining} condition
 * @param inProgress whether a drain is under way (the reconciler checks again at the poll interval)
 */
public record DrainPlan(List<Pod> newVictims, List<DrainCall> drainCalls, List<Release> releases, List<Pod> strays,
        Set<String> draining, int desiredReplicas, ConditionUpdate condition, boolean inProgress) {

    /**
     * @param deadlineSeconds what is left of the drain deadline, for the agent's own deadline
     */
    public record DrainCall(Pod pod, double deadlineSeconds) {
    }

    /**
     * @param warning set when the drain did not end well: the text of a Warning event
     */
    public record Release(Pod pod, DrainOutcome outcome, Optional<String> warning) {
    }
}
