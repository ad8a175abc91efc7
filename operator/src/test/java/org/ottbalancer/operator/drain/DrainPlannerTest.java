package org.ottbalancer.operator.drain;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ottbalancer.operator.config.ComponentImages;
import org.ottbalancer.operator.model.DrainSpec;
import org.ottbalancer.operator.model.MonolithSpec;
import org.ottbalancer.operator.model.OttCluster;
import org.ottbalancer.operator.model.OttClusterSpec;
import org.ottbalancer.operator.model.ResolvedCluster;

/** The replica arithmetic of the drain state machine, without agents (no reports: every pod is equally busy). */
class DrainPlannerTest {
    private static final Instant NOW = Instant.parse("2030-01-01T12:00:00Z");

    private static ResolvedCluster cluster(int replicas, int pace) {
        OttCluster c = new OttCluster();
        c.setMetadata(new ObjectMetaBuilder().withName("c").withNamespace("ns").build());
        c.setSpec(new OttClusterSpec());
        MonolithSpec m = new MonolithSpec();
        m.setReplicas(replicas);
        c.getSpec().setMonolith(m);
        DrainSpec d = new DrainSpec();
        d.setPace(pace);
        c.getSpec().setDrain(d);
        return ResolvedCluster.of(c, ComponentImages.forVersion("1"));
    }

    private static Optional<Deployment> deployment(int replicas) {
        return Optional.of(new DeploymentBuilder().withNewSpec().withReplicas(replicas).endSpec().build());
    }

    private static Pod pod(String name, Map<String, String> annotations) {
        return new PodBuilder().withNewMetadata().withName(name).withUid("uid-" + name).withAnnotations(annotations)
                .withCreationTimestamp("2030-01-01T00:00:00Z").endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").endCondition().endStatus()
                .build();
    }

    private static List<Pod> pods(int n) {
        List<Pod> pods = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            pods.add(pod("p" + i, new HashMap<>()));
        }
        return pods;
    }

    private static DrainPlan plan(ResolvedCluster c, Optional<Deployment> d, List<Pod> pods) {
        return DrainPlanner.plan(c, d, pods, Map.of(), NOW, Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    @Test
    void scaleDownChoosesOneVictimAndKeepsTheReplicasUntilItIsReleased() {
        DrainPlan p = plan(cluster(2, 1), deployment(3), pods(3));
        assertEquals(1, p.newVictims().size());
        assertEquals(3, p.desiredReplicas());
    }

    @Test
    void aReleasedVictimLowersTheReplicas() {
        List<Pod> pods = pods(2);
        pods.add(pod("p2", Map.of(DrainAnnotations.DRAINING_SINCE, NOW.toString(), DrainAnnotations.DELETION_COST,
                "-1000", DrainAnnotations.OUTCOME, "done", DrainAnnotations.DRAINED_AT, NOW.toString())));
        DrainPlan p = plan(cluster(2, 1), deployment(3), pods);
        assertTrue(p.newVictims().isEmpty());
        assertEquals(2, p.desiredReplicas());
        assertTrue(p.strays().isEmpty(), "within the grace period the ReplicaSet controller removes it");
    }

    @Test
    void slotsWithoutAPodAreGivenUpWithoutADrain() {
        DrainPlan p = plan(cluster(2, 1), deployment(4), pods(2));
        assertTrue(p.newVictims().isEmpty());
        assertEquals(2, p.desiredReplicas());
    }

    @Test
    void podsBeyondThePaceKeepTheirSlotsUntilTheirTurn() {
        DrainPlan p = plan(cluster(1, 1), deployment(4), pods(4));
        assertEquals(1, p.newVictims().size());
        assertEquals(4, p.desiredReplicas());
    }

    @Test
    void raisingTheReplicasMidDrainAddsPodsAndKeepsTheVictimUntilItIsDone() {
        List<Pod> pods = pods(2);
        pods.add(pod("p2", Map.of(DrainAnnotations.DRAINING_SINCE, NOW.toString())));
        DrainPlan p = plan(cluster(3, 1), deployment(3), pods);
        assertTrue(p.newVictims().isEmpty());
        assertEquals(4, p.desiredReplicas());
    }

    @Test
    void aVictimPastItsDeadlineIsReleasedWithAWarning() {
        List<Pod> pods = pods(1);
        pods.add(pod("p1", Map.of(DrainAnnotations.DRAINING_SINCE, NOW.minusSeconds(400).toString())));
        DrainPlan p = plan(cluster(1, 1), deployment(2), pods);
        assertEquals(1, p.releases().size());
        assertEquals(DrainOutcome.DEADLINE_EXCEEDED, p.releases().get(0).outcome());
        assertTrue(p.releases().get(0).warning().isPresent());
    }

    @Test
    void aDrainedPodTheReplicaSetKeptIsDeletedAfterTheGrace() {
        List<Pod> pods = pods(1);
        pods.add(pod("p1", Map.of(DrainAnnotations.DRAINING_SINCE, NOW.minusSeconds(600).toString(),
                DrainAnnotations.DELETION_COST, "-1000", DrainAnnotations.OUTCOME, "done",
                DrainAnnotations.DRAINED_AT, NOW.minusSeconds(120).toString())));
        DrainPlan p = plan(cluster(2, 1), deployment(2), pods);
        assertEquals(List.of("p1"), p.strays().stream().map(x -> x.getMetadata().getName()).toList());
    }
}
