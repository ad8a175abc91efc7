package org.ottbalancer.operator.status;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.ottbalancer.operator.model.BalancerCounts;
import org.ottbalancer.operator.model.OttCluster;
import org.ottbalancer.operator.model.OttClusterStatus;
import org.ottbalancer.operator.model.SpecProblem;

/**
 * Computes an OttCluster's status from what the operator observed: the spec's problems, the two
 * Deployments' rollouts and a failed reconciliation, if any, plus the monoliths' picture and the
 * Draining condition when the reconciliation got that far (otherwise the previous ones are carried
 * over untouched).
 */
public final class StatusAggregator {
    /** Longest message kept in a condition; API error texts can be long. */
    static final int MAX_MESSAGE = 1000;

    private final Conditions conditions;

    public StatusAggregator(Conditions conditions) {
        this.conditions = conditions;
    }

    /**
     * @param problems the spec's problems, blocking or not
     * @param balancers the balancer Deployment's rollout
     * @param monoliths the monolith Deployment's rollout
     * @param selector label selector of the monolith pods
     * @param failure why the last reconciliation failed, if it did
     * @param fleet the monoliths' picture and the Draining condition, if computed this time
     */
    public OttClusterStatus aggregate(OttCluster cluster, List<SpecProblem> problems, RolloutState balancers,
            RolloutState monoliths, String selector, Optional<String> failure, Optional<FleetStatus> fleet) {
        OttClusterStatus previous = cluster.getStatus() == null ? new OttClusterStatus() : cluster.getStatus();
        long generation = cluster.getMetadata().getGeneration() == null ? 0 : cluster.getMetadata().getGeneration();

        OttClusterStatus status = new OttClusterStatus();
        status.setObservedGeneration(generation);
        status.setReplicas(monoliths.replicas());
        status.setReadyMonoliths(monoliths.ready());
        status.setBalancers(new BalancerCounts(balancers.ready(), balancers.desired()));
        status.setSelector(selector);
        status.setMonoliths(fleet.map(FleetStatus::monoliths).orElse(previous.getMonoliths()));
        status.setRooms(fleet.map(FleetStatus::rooms).orElse(previous.getRooms()));
        status.setUsers(fleet.map(FleetStatus::users).orElse(previous.getUsers()));
        List<ConditionUpdate> updates = updates(problems, balancers, monoliths, failure);
        fleet.ifPresent(f -> updates.add(f.draining()));
        status.setConditions(conditions.merge(previous.getConditions(), updates, generation));
        return status;
    }

    private static List<ConditionUpdate> updates(List<SpecProblem> problems, RolloutState balancers,
            RolloutState monoliths, Optional<String> failure) {
        List<SpecProblem> blocking = problems.stream().filter(SpecProblem::blocking).toList();
        List<ConditionUpdate> updates = new ArrayList<>();
        if (!blocking.isEmpty()) {
            String message = "Invalid spec, resources left as they were: " + join(blocking);
            updates.add(ConditionUpdate.isFalse(ConditionType.Ready, "InvalidSpec", message));
            updates.add(ConditionUpdate.isFalse(ConditionType.Progressing, "InvalidSpec", message));
            updates.add(ConditionUpdate.isTrue(ConditionType.Degraded, "InvalidSpec", message));
            return updates;
        }
        boolean ready = failure.isEmpty() && balancers.fullyAvailable() && monoliths.fullyAvailable()
                && balancers.observed() && monoliths.observed();
        String rollouts = balancers.describe() + "; " + monoliths.describe();
        updates.add(ready
                ? ConditionUpdate.isTrue(ConditionType.Ready, "AllAvailable", rollouts)
                : ConditionUpdate.isFalse(ConditionType.Ready, failure.isPresent() ? "ReconcileFailed" : "NotAvailable",
                        rollouts));
        boolean complete = balancers.complete() && monoliths.complete();
        updates.add(complete
                ? ConditionUpdate.isFalse(ConditionType.Progressing, "RolloutComplete", rollouts)
                : ConditionUpdate.isTrue(ConditionType.Progressing, "RollingOut", rollouts));
        updates.add(degraded(problems, balancers, monoliths, failure));
        return updates;
    }

    private static ConditionUpdate degraded(List<SpecProblem> warnings, RolloutState balancers, RolloutState monoliths,
            Optional<String> failure) {
        if (failure.isPresent()) {
            return ConditionUpdate.isTrue(ConditionType.Degraded, "ReconcileFailed", truncate(failure.get()));
        }
        for (RolloutState r : List.of(balancers, monoliths)) {
            if (r.stuckMessage().isPresent()) {
                return ConditionUpdate.isTrue(ConditionType.Degraded, "RolloutStuck",
                        truncate(r.component() + ": " + r.stuckMessage().get()));
            }
        }
        if (!warnings.isEmpty()) {
            return ConditionUpdate.isTrue(ConditionType.Degraded, "SpecWarning", truncate(join(warnings)));
        }
        return ConditionUpdate.isFalse(ConditionType.Degraded, "AsExpected", "No problems found");
    }

    private static String join(List<SpecProblem> problems) {
        return truncate(problems.stream().map(SpecProblem::toString).collect(Collectors.joining("; ")));
    }

    private static String truncate(String s) {
        return s.length() <= MAX_MESSAGE ? s : s.substring(0, MAX_MESSAGE - 1) + "…";
    }
}
