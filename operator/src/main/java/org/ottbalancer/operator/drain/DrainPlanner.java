package org.ottbalancer.operator.drain;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ottbalancer.operator.agents.AgentObservation;
import org.ottbalancer.operator.agents.PodFacts;
import org.ottbalancer.operator.model.ResolvedCluster;
import org.ottbalancer.operator.status.ConditionType;
import org.ottbalancer.operator.status.ConditionUpdate;
import org.ottbalancer.protocol.agent.AgentReport;
import org.ottbalancer.protocol.agent.DrainReport;

/**
 * The scale-down state machine, as a pure function of what the operator observes: the spec, the
 * monolith Deployment, the monolith pods with their drain annotations, and the agents' last answers.
 * Everything it needs to remember lives in the pods' annotations ({@link DrainAnnotations}), so a
 * restarted operator computes the same plan.
 *
 * <p>Counting. {@code N} is {@code spec.monolith.replicas}, {@code R} the Deployment's current replica
 * count. Victims still alive hold {@code R} slots until they are gone. The pods above {@code N} are
 * {@code min(active pods, R - victims) - N}: bounded by {@code R} so that the extra pod of a rolling
 * update (maxSurge 1) is never mistaken for a scale-down, and by the pods that exist so that slots
 * without a pod (unschedulable, not created yet) are given up at once, without a drain. At most
 * {@code pace} victims drain at a time. The Deployment keeps {@code N} + victims not yet released +
 * the pods above {@code N} still waiting for their turn; a victim leaves that count only once its
 * lowest deletion cost is visible in the informer, so the ReplicaSet controller removes exactly it.
 *
 * <p>A victim is never returned to service (an agent cannot be un-drained): raising the replicas
 * mid-drain adds new pods, and the victims finish and go.
 */
public final class DrainPlanner {
    /** Drain reports that started this long before the victim was chosen belong to an older drain. */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(60);

    private DrainPlanner() {
    }

    /**
     * @param margin time after the drain deadline the agent gets to report its own end before the
     *     operator stops waiting
     * @param drainedPodGrace how long a released victim may stay after the Deployment already shrank
     */
    public static DrainPlan plan(ResolvedCluster cluster, Optional<Deployment> deployment, List<Pod> pods,
            Map<String, AgentObservation> observations, Instant now, Duration margin, Duration drainedPodGrace) {
        int n = cluster.monolith().replicas();
        int r = deployment.map(d -> d.getSpec() == null ? null : d.getSpec().getReplicas()).orElse(n);
        List<Pod> active = new ArrayList<>();
        List<Pod> unreleased = new ArrayList<>();
        List<Pod> released = new ArrayList<>();
        for (Pod pod : pods) {
            if (PodFacts.terminating(pod)) {
                continue;
            }
            if (DrainAnnotations.drainingSince(pod).isEmpty()) {
                active.add(pod);
            } else if (DrainAnnotations.released(pod)) {
                released.add(pod);
            } else {
                unreleased.add(pod);
            }
        }
        int victims = unreleased.size() + released.size();
        int excess = Math.min(active.size(), r - victims) - n;
        int slots = cluster.drain().pace() - unreleased.size();
        List<Pod> chosen = new ArrayList<>();
        if (excess > 0 && slots > 0) {
            active.sort(VictimOrder.of(cluster.drain().victimPolicy(), observations));
            chosen.addAll(active.subList(0, Math.min(excess, slots)));
            active.removeAll(chosen);
        }
        int waiting = Math.max(0, Math.min(active.size(), r - victims - chosen.size()) - n);

        List<DrainPlan.DrainCall> calls = new ArrayList<>();
        List<DrainPlan.Release> releases = new ArrayList<>();
        List<String> progress = new ArrayList<>();
        for (Pod pod : chosen) {
            calls.add(new DrainPlan.DrainCall(pod, seconds(cluster.drain().deadline())));
            progress.add("draining pod " + PodFacts.name(pod) + ": drain requested");
        }
        for (Pod pod : unreleased) {
            Instant since = DrainAnnotations.drainingSince(pod).orElseThrow();
            String name = PodFacts.name(pod);
            AgentObservation o = observations.getOrDefault(name, AgentObservation.NONE);
            Optional<DrainReport> drain = o.drain().or(() -> o.report().map(AgentReport::drain))
                    .filter(d -> d.startedAt() == null || !d.startedAt().isBefore(since.minus(CLOCK_SKEW)));
            Duration left = cluster.drain().deadline().minus(Duration.between(since, now));
            if (drain.isPresent() && drain.get().phase().equals("done")) {
                releases.add(new DrainPlan.Release(pod, DrainOutcome.DONE, Optional.empty()));
            } else if (drain.isPresent() && drain.get().phase().equals("failed")) {
                releases.add(new DrainPlan.Release(pod, DrainOutcome.FAILED, Optional.of("drain of monolith pod "
                        + name + " failed (" + describe(drain.get()) + "): "
                        + (drain.get().error() == null ? "no reason given" : drain.get().error())
                        + "; removing it anyway, its remaining rooms reload elsewhere from their saved state")));
            } else if (left.plus(margin).isNegative()) {
                releases.add(new DrainPlan.Release(pod, DrainOutcome.DEADLINE_EXCEEDED, Optional.of(
                        "drain of monolith pod " + name + " did not finish within the deadline of "
                                + cluster.drain().deadline().toSeconds() + "s ("
                                + drain.map(DrainPlanner::describe).orElse("its agent never reported progress")
                                + o.error().map(e -> "; last error: " + e).orElse("")
                                + "); removing it anyway, its remaining rooms reload elsewhere from their saved state")));
            } else {
                boolean running = drain.isPresent() && drain.get().phase().equals("running");
                // Ask when the agent says it is not draining (idle, or only an older drain ended); an
                // agent not heard from yet is asked too: asking a draining agent again is harmless.
                if (!running) {
                    calls.add(new DrainPlan.DrainCall(pod, Math.max(1, seconds(left))));
                }
                progress.add("draining pod " + name + ": "
                        + (running ? describe(drain.get()) : "drain requested"));
            }
        }
        List<Pod> strays = new ArrayList<>();
        int desired = n + unreleased.size() + chosen.size() + waiting;
        for (Pod pod : released) {
            progress.add("pod " + PodFacts.name(pod) + " drained, waiting for its removal");
            boolean overdue = DrainAnnotations.drainedAt(pod).map(t -> t.plus(drainedPodGrace).isBefore(now))
                    .orElse(true);
            if (overdue && r == desired) {
                strays.add(pod);
            }
        }
        Set<String> draining = new LinkedHashSet<>();
        for (List<Pod> group : List.of(chosen, unreleased, released)) {
            group.forEach(p -> draining.add(PodFacts.name(p)));
        }
        ConditionUpdate condition = progress.isEmpty()
                ? ConditionUpdate.isFalse(ConditionType.Draining, "NoDrain", "No monolith is being drained")
                : ConditionUpdate.isTrue(ConditionType.Draining, "Draining", String.join("; ", progress));
        return new DrainPlan(chosen, calls, releases, strays, draining, desired, condition, !progress.isEmpty());
    }

    private static String describe(DrainReport d) {
        return d.roomsMoved() + "/" + Math.max(d.roomsAtStart(), d.roomsMoved() + d.roomsRemaining()) + " rooms moved";
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }
}
