package org.ottbalancer.operator.status;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import java.util.Optional;

/**
 * One Deployment's progress as the Deployment controller reports it.
 *
 * @param component the component's name for messages
 * @param exists whether the Deployment exists yet
 * @param desired replicas asked for in the spec
 * @param replicas pods that exist, old and new
 * @param updated pods of the current template
 * @param ready pods that pass their readiness probes
 * @param available pods ready for at least minReadySeconds
 * @param observed whether the controller has seen the current template
 * @param stuckMessage the controller's message when it gave up progressing, if it did
 */
public record RolloutState(String component, boolean exists, int desired, int replicas, int updated, int ready,
        int available, boolean observed, Optional<String> stuckMessage) {

    public static RolloutState of(String component, Optional<Deployment> deployment, int desired) {
        if (deployment.isEmpty()) {
            return new RolloutState(component, false, desired, 0, 0, 0, 0, false, Optional.empty());
        }
        Deployment d = deployment.get();
        DeploymentStatus s = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
        Long generation = d.getMetadata().getGeneration();
        boolean observed = s.getObservedGeneration() != null
                && (generation == null || s.getObservedGeneration() >= generation);
        Optional<String> stuck = s.getConditions() == null ? Optional.empty() : s.getConditions().stream()
                .filter(c -> "Progressing".equals(c.getType()) && "False".equals(c.getStatus())
                        && "ProgressDeadlineExceeded".equals(c.getReason()))
                .map(DeploymentCondition::getMessage)
                .findFirst();
        return new RolloutState(component, true, desired, zeroIfNull(s.getReplicas()), zeroIfNull(s.getUpdatedReplicas()),
                zeroIfNull(s.getReadyReplicas()), zeroIfNull(s.getAvailableReplicas()), observed, stuck);
    }

    /** All pods asked for are available and run the current template; no old ones are left. */
    public boolean complete() {
        return exists && observed && updated == desired && available >= desired && replicas == desired;
    }

    public boolean fullyAvailable() {
        return exists && available >= desired;
    }

    public String describe() {
        if (!exists) {
            return component + ": not created yet";
        }
        if (!observed) {
            return component + ": waiting for the Deployment controller";
        }
        return component + ": " + updated + "/" + desired + " updated, " + available + "/" + desired + " available";
    }

    private static int zeroIfNull(Integer i) {
        return i == null ? 0 : i;
    }
}
