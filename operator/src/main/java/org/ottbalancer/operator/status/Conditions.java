package org.ottbalancer.operator.status;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ottbalancer.operator.model.ClusterCondition;

/**
 * Merges freshly computed conditions into the previous ones, Kubernetes style: every condition
 * carries the generation it was computed from, and {@code lastTransitionTime} moves only when the
 * status flips, so {@code kubectl get} shows how long a cluster has been ready or degraded.
 * Conditions of types not updated this time (for example {@code Draining}, owned by the drain
 * orchestration) are kept as they were.
 */
public final class Conditions {
    private final Clock clock;

    public Conditions(Clock clock) {
        this.clock = clock;
    }

    public List<ClusterCondition> merge(List<ClusterCondition> previous, List<ConditionUpdate> updates, long generation) {
        Map<String, ClusterCondition> byType = new LinkedHashMap<>();
        if (previous != null) {
            for (ClusterCondition c : previous) {
                byType.put(c.getType(), c);
            }
        }
        String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
        for (ConditionUpdate u : updates) {
            String status = u.status() ? "True" : "False";
            ClusterCondition old = byType.get(u.type().name());
            String since = old != null && status.equals(old.getStatus()) && old.getLastTransitionTime() != null
                    ? old.getLastTransitionTime()
                    : now;
            byType.put(u.type().name(),
                    new ClusterCondition(u.type().name(), status, u.reason(), u.message(), since, generation));
        }
        List<ClusterCondition> merged = new ArrayList<>();
        for (ConditionType type : ConditionType.values()) {
            ClusterCondition c = byType.remove(type.name());
            if (c != null) {
                merged.add(c);
            }
        }
        merged.addAll(byType.values());
        return merged;
    }
}
