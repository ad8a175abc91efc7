package org.ottbalancer.operator.drain;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.Optional;
import org.ottbalancer.operator.agents.PodFacts;

/**
 * A drain's progress, persisted on the victim pod itself, so an operator that restarts mid-drain
 * finds the same victims and neither picks new ones nor restarts a finished drain.
 *
 * <ol>
 *   <li>{@value #DRAINING_SINCE}: chosen as a victim at that time (RFC 3339); the drain deadline
 *       counts from it.</li>
 *   <li>{@value #DELETION_COST} {@value #LOWEST_COST} plus {@value #OUTCOME} and {@value #DRAINED_AT}:
 *       the drain ended (done, failed, or deadline exceeded); once the informer shows this, the pod is
 *       "released" and the Deployment's replicas go down by one. The ReplicaSet controller removes
 *       the pod with the lowest deletion cost first.</li>
 * </ol>
 */
public final class DrainAnnotations {
    public static final String DRAINING_SINCE = "ottbalancer.org/draining-since";
    public static final String OUTCOME = "ottbalancer.org/drain-outcome";
    public static final String DRAINED_AT = "ottbalancer.org/drained-at";
    public static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";
    public static final String LOWEST_COST = "-1000";

    private DrainAnnotations() {
    }

    /** When the pod was chosen as a drain victim, if it was. An unreadable time counts as "long ago". */
    public static Optional<Instant> drainingSince(Pod pod) {
        return PodFacts.annotation(pod, DRAINING_SINCE).map(DrainAnnotations::instant);
    }

    /** Whether the pod's drain has ended and the informer already shows its lowest deletion cost. */
    public static boolean released(Pod pod) {
        return PodFacts.annotation(pod, DELETION_COST).map(LOWEST_COST::equals).orElse(false)
                && PodFacts.annotation(pod, OUTCOME).isPresent();
    }

    public static Optional<Instant> drainedAt(Pod pod) {
        return PodFacts.annotation(pod, DRAINED_AT).map(DrainAnnotations::instant);
    }

    private static Instant instant(String text) {
        try {
            return Instant.parse(text);
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }
}
