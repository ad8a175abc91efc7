package org.ottbalancer.operator.drain;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Comparator;
import java.util.Map;
import java.util.function.ToIntFunction;
import org.ottbalancer.operator.agents.AgentObservation;
import org.ottbalancer.operator.agents.PodFacts;
import org.ottbalancer.operator.model.VictimPolicy;
import org.ottbalancer.protocol.agent.AgentReport;

/**
 * The order in which monolith pods are drained on scale-down, first victim first. Pods that are not
 * Ready always go first (they serve nobody new and the ReplicaSet controller would remove them first
 * anyway); then the policy; ties go to the newer pod, then to the name, so the choice is stable.
 * A pod whose agent never reported counts as the busiest for FewestUsers and FewestRooms: the
 * operator cannot tell how many people it would disturb.
 */
final class VictimOrder {
    private VictimOrder() {
    }

    static Comparator<Pod> of(VictimPolicy policy, Map<String, AgentObservation> observations) {
        Comparator<Pod> notReadyFirst = Comparator.comparing(PodFacts::ready);
        Comparator<Pod> newerFirst = Comparator.comparing(PodFacts::created).reversed();
        Comparator<Pod> byPolicy;
        if (policy == VictimPolicy.FewestRooms) {
            byPolicy = Comparator.comparingInt(reported(observations, AgentReport::rooms));
        } else if (policy == VictimPolicy.Oldest) {
            byPolicy = Comparator.comparing(PodFacts::created);
        } else if (policy == VictimPolicy.Newest) {
            byPolicy = newerFirst;
        } else {
            byPolicy = Comparator.comparingInt(reported(observations, AgentReport::users));
        }
        return notReadyFirst.thenComparing(byPolicy).thenComparing(newerFirst).thenComparing(PodFacts::name);
    }

    private static ToIntFunction<Pod> reported(Map<String, AgentObservation> observations,
            ToIntFunction<AgentReport> figure) {
        return pod -> observations.getOrDefault(PodFacts.name(pod), AgentObservation.NONE).report()
                .map(figure::applyAsInt).orElse(Integer.MAX_VALUE);
    }
}
