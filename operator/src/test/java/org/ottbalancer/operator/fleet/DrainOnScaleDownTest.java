package org.ottbalancer.operator.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ottbalancer.operator.drain.DrainAnnotations;
import org.ottbalancer.operator.model.DrainSpec;
import org.ottbalancer.operator.model.OttCluster;
import org.ottbalancer.operator.model.VictimPolicy;
import org.ottbalancer.operator.testing.Clusters;
import org.ottbalancer.operator.testing.FakeAgent;
import org.ottbalancer.operator.testing.FakeAgents;
import org.ottbalancer.operator.testing.MockCluster;
import org.ottbalancer.operator.testing.MonolithPods;
import org.ottbalancer.protocol.registry.MonolithState;

/**
 * Scale-down drains before it removes: victim choice, the registry and status during the drain, the
 * agent call, deletion cost, then fewer replicas. The mock runs no Deployment controller, so each
 * test creates the monolith pods and deletes the one the operator released, as the ReplicaSet
 * controller would.
 */
class DrainOnScaleDownTest {
    private static final String NAME = "ott";

    private static FakeAgents agents;
    private static MockCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void start() {
        agents = new FakeAgents();
        cluster = MockCluster.withAgents(agents, true);
        client = cluster.client();
    }

    @AfterAll
    static void stop() {
        cluster.close();
        agents.close();
    }

    /** A cluster of {@code users.length} Ready monoliths {@code <ns>-0..}, the i-th with users[i] users and one room each. */
    private static MonolithPods running(String ns, VictimPolicy policy, String deadline, int pace, int... users) {
        OttCluster c = Clusters.withMonoliths(ns, NAME, users.length);
        DrainSpec d = new DrainSpec();
        d.setVictimPolicy(policy);
        d.setDeadline(deadline);
        d.setPace(pace);
        c.getSpec().setDrain(d);
        client.resource(c).create();
        MonolithPods pods = new MonolithPods(client, ns, NAME);
        for (int i = 0; i < users.length; i++) {
            agents.add(ns + "-" + i).figures(1 + i % 2, users[i], users[i] + 4.0 * (1 + i % 2));
            pods.create(ns + "-" + i, "10.9." + (ns.length() % 200) + "." + (10 + i), true, Instant.now());
        }
        DrainFixture f = new DrainFixture(client, ns, NAME);
        f.awaitDeploymentReplicas(users.length);
        MockCluster.await("every monolith published with its id", () -> f.registry().monoliths().size() == users.length
                && f.registry().monoliths().stream().allMatch(m -> m.id() != null));
        return pods;
    }

    private static void scaleTo(String ns, int replicas) {
        Clusters.edit(client, ns, NAME, c -> c.getSpec().getMonolith().setReplicas(replicas));
    }

    private static String awaitVictim(MonolithPods pods, String... candidates) {
        return MockCluster.await("a pod marked as drain victim", () -> {
            for (String p : candidates) {
                if (pods.annotation(p, DrainAnnotations.DRAINING_SINCE) != null) {
                    return p;
                }
            }
            return null;
        });
    }

    private static void awaitReleased(MonolithPods pods, String pod) {
        try {
            MockCluster.await(pod + " with the lowest deletion cost",
                    () -> "-1000".equals(pods.annotation(pod, DrainAnnotations.DELETION_COST)));
        } catch (AssertionError e) {
            List<String> requests = agents.get(pod).requests();
            throw new AssertionError(e.getMessage() + "; agent phase " + agents.get(pod).drainPhase()
                    + ", last requests " + requests.subList(Math.max(0, requests.size() - 8), requests.size())
                    + ", pod annotations " + pods.get(pod).getMetadata().getAnnotations(), e);
        }
    }

    @Test
    void scaleDownDrainsTheFewestUsersMonolithThenLowersTheReplicas() {
        MonolithPods pods = running("fewest-users", VictimPolicy.FewestUsers, "300s", 1, 5, 1, 9);
        DrainFixture f = new DrainFixture(client, "fewest-users", NAME);
        String token = f.drainToken();
        scaleTo("fewest-users", 2);

        assertEquals("fewest-users-1", awaitVictim(pods, "fewest-users-0", "fewest-users-1", "fewest-users-2"));
        MockCluster.await("the victim draining in the registry",
                () -> f.registryState("fewest-users-1").equals(Optional.of(MonolithState.DRAINING)));
        assertEquals(Optional.of(MonolithState.ACTIVE), f.registryState("fewest-users-0"));
        FakeAgent victim = agents.get("fewest-users-1");
        MockCluster.await("the drain request", () -> !victim.drainCalls().isEmpty());
        FakeAgent.DrainCall call = victim.drainCalls().get(0);
        assertEquals("Bearer " + token, call.authorization());
        assertTrue(call.request().deadlineSeconds() > 290 && call.request().deadlineSeconds() <= 300,
                "deadline_seconds from spec.drain.deadline: " + call.request().deadlineSeconds());
        victim.roomsMoved(0);
        f.awaitDraining("True", "draining pod fewest-users-1: 0/2 rooms moved");
        assertEquals(3, f.deploymentReplicas(), "replicas stay while the victim drains");
        assertNull(pods.annotation("fewest-users-1", DrainAnnotations.DELETION_COST));

        victim.finishDrain();
        awaitReleased(pods, "fewest-users-1");
        f.awaitDeploymentReplicas(2);
        assertEquals("done", pods.annotation("fewest-users-1", DrainAnnotations.OUTCOME));
        assertTrue(agents.get("fewest-users-0").drainCalls().isEmpty());
        assertTrue(agents.get("fewest-users-2").drainCalls().isEmpty());

        pods.delete("fewest-users-1");
        f.awaitDraining("False", "No monolith is being drained");
        MockCluster.await("two monoliths left in the registry", () -> f.registry().monoliths().size() == 2);
        assertEquals(2, f.deploymentReplicas());
    }

    @Test
    void fewestRoomsPicksTheMonolithWithTheFewestRooms() {
        // rooms: 1, 2, 1 (by index parity); users break no tie here, the newer pod does
        MonolithPods pods = running("fewest-rooms", VictimPolicy.FewestRooms, "300s", 1, 1, 0, 9);
        agents.get("fewest-rooms-2").figures(3, 9, 21);
        MockCluster.await("the new figures", () -> new DrainFixture(client, "fewest-rooms", NAME).registry().monoliths()
                .stream().anyMatch(m -> m.load() != null && m.load() == 21.0));
        scaleTo("fewest-rooms", 2);
        assertEquals("fewest-rooms-0", awaitVictim(pods, "fewest-rooms-0", "fewest-rooms-1", "fewest-rooms-2"));
    }

    @Test
    void oldestAndNewestPickByPodAge() throws Exception {
        for (VictimPolicy policy : List.of(VictimPolicy.Oldest, VictimPolicy.Newest)) {
            String ns = policy.name().toLowerCase();
            OttCluster c = Clusters.withMonoliths(ns, NAME, 3);
            DrainSpec d = new DrainSpec();
            d.setVictimPolicy(policy);
            c.getSpec().setDrain(d);
            client.resource(c).create();
            MonolithPods pods = new MonolithPods(client, ns, NAME);
            for (int i = 0; i < 3; i++) {
                agents.add(ns + "-" + i).figures(1, 1, 5);
                pods.create(ns + "-" + i, "10.8." + ns.length() + "." + (10 + i), true, Instant.now());
                if (i < 2) {
                    Thread.sleep(1100); // creation timestamps have whole seconds
                }
            }
            new DrainFixture(client, ns, NAME).awaitDeploymentReplicas(3);
            scaleTo(ns, 2);
            String expected = policy == VictimPolicy.Oldest ? ns + "-0" : ns + "-2";
            assertEquals(expected, awaitVictim(pods, ns + "-0", ns + "-1", ns + "-2"), policy.name());
        }
    }

    @Test
    void deadlinePassedEmitsAWarningEventAndProceeds() {
        MonolithPods pods = running("deadline", VictimPolicy.FewestUsers, "1s", 1, 3, 4);
        DrainFixture f = new DrainFixture(client, "deadline", NAME);
        scaleTo("deadline", 1);
        assertEquals("deadline-0", awaitVictim(pods, "deadline-0", "deadline-1"));
        MockCluster.await("the drain request", () -> !agents.get("deadline-0").drainCalls().isEmpty());
        // the fake agent never finishes

        awaitReleased(pods, "deadline-0");
        assertEquals("deadline-exceeded", pods.annotation("deadline-0", DrainAnnotations.OUTCOME));
        Event warning = MockCluster.await("a DrainDeadlineExceeded event", () -> client.v1().events()
                .inNamespace("deadline").list().getItems().stream()
                .filter(e -> "DrainDeadlineExceeded".equals(e.getReason())).findFirst().orElse(null));
        assertEquals("Warning", warning.getType());
        assertEquals("OttCluster", warning.getInvolvedObject().getKind());
        assertEquals(NAME, warning.getInvolvedObject().getName());
        assertTrue(warning.getMessage().contains("deadline-0"), warning.getMessage());
        f.awaitDeploymentReplicas(1);
    }

    @Test
    void aFailedDrainIsReportedAndTheMonolithRemovedAnyway() {
        MonolithPods pods = running("failed", VictimPolicy.FewestUsers, "300s", 1, 2, 8);
        DrainFixture f = new DrainFixture(client, "failed", NAME);
        scaleTo("failed", 1);
        assertEquals("failed-0", awaitVictim(pods, "failed-0", "failed-1"));
        MockCluster.await("the drain request", () -> !agents.get("failed-0").drainCalls().isEmpty());
        agents.get("failed-0").failDrain("deadline passed with 1 room left");

        awaitReleased(pods, "failed-0");
        assertEquals("failed", pods.annotation("failed-0", DrainAnnotations.OUTCOME));
        Event warning = MockCluster.await("a DrainFailed event", () -> client.v1().events().inNamespace("failed")
                .list().getItems().stream().filter(e -> "DrainFailed".equals(e.getReason())).findFirst().orElse(null));
        assertTrue(warning.getMessage().contains("deadline passed with 1 room left"), warning.getMessage());
        f.awaitDeploymentReplicas(1);
    }

    @Test
    void paceTwoDrainsTwoMonolithsAtOnce() {
        MonolithPods pods = running("pace", VictimPolicy.FewestUsers, "300s", 2, 1, 2, 7, 8);
        DrainFixture f = new DrainFixture(client, "pace", NAME);
        scaleTo("pace", 1);
        MockCluster.await("two victims at once", () -> pods.annotation("pace-0", DrainAnnotations.DRAINING_SINCE) != null
                && pods.annotation("pace-1", DrainAnnotations.DRAINING_SINCE) != null);
        MockCluster.await("both asked to drain", () -> !agents.get("pace-0").drainCalls().isEmpty()
                && !agents.get("pace-1").drainCalls().isEmpty());
        assertNull(pods.annotation("pace-2", DrainAnnotations.DRAINING_SINCE), "no more than pace at a time");
        assertEquals(4, f.deploymentReplicas());

        agents.get("pace-0").finishDrain();
        awaitReleased(pods, "pace-0");
        f.awaitDeploymentReplicas(3);
        MockCluster.await("the next victim takes the free slot",
                () -> pods.annotation("pace-2", DrainAnnotations.DRAINING_SINCE) != null);
        assertNull(pods.annotation("pace-3", DrainAnnotations.DRAINING_SINCE));
    }

    @Test
    void scaleUpRaisesTheReplicasWithoutDraining() throws Exception {
        MonolithPods pods = running("up", VictimPolicy.FewestUsers, "300s", 1, 1, 2);
        DrainFixture f = new DrainFixture(client, "up", NAME);
        scaleTo("up", 4);
        f.awaitDeploymentReplicas(4);
        Thread.sleep(cluster.loops().agentPollInterval().toMillis() * 3);
        assertNull(pods.annotation("up-0", DrainAnnotations.DRAINING_SINCE));
        assertNull(pods.annotation("up-1", DrainAnnotations.DRAINING_SINCE));
        assertTrue(agents.get("up-0").drainCalls().isEmpty());
        assertTrue(agents.get("up-1").drainCalls().isEmpty());
        assertNotNull(f.condition("Draining").filter(c -> c.getStatus().equals("False")).orElse(null));
    }

    @Test
    void theExtraPodOfARollingUpdateIsNotMistakenForAScaleDown() throws Exception {
        MonolithPods pods = running("surge", VictimPolicy.FewestUsers, "300s", 1, 4, 5);
        DrainFixture f = new DrainFixture(client, "surge", NAME);
        agents.add("surge-new").figures(0, 0, 0);
        pods.create("surge-new", "10.9.99.99", true, Instant.now());
        MockCluster.await("the surge pod published", () -> f.registryState("surge-new").isPresent());
        Thread.sleep(cluster.loops().agentPollInterval().toMillis() * 3);
        for (String p : List.of("surge-0", "surge-1", "surge-new")) {
            assertNull(pods.annotation(p, DrainAnnotations.DRAINING_SINCE), p);
        }
        assertEquals(2, f.deploymentReplicas());
    }
}
