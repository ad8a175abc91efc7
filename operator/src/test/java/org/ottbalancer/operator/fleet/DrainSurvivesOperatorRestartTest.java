package org.ottbalancer.operator.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ottbalancer.operator.drain.DrainAnnotations;
import org.ottbalancer.operator.testing.Clusters;
import org.ottbalancer.operator.testing.FakeAgents;
import org.ottbalancer.operator.testing.MockCluster;
import org.ottbalancer.operator.testing.MonolithPods;

/** A drain's progress lives on the victim pod, so a new operator process carries on where the old one stopped. */
class DrainSurvivesOperatorRestartTest {
    private static final String NS = "restart";
    private static final String NAME = "ott";

    private FakeAgents agents;
    private MockCluster cluster;
    private KubernetesClient client;
    private MonolithPods pods;
    private DrainFixture fixture;

    @BeforeEach
    void threeMonolithsScaledToTwo() {
        agents = new FakeAgents();
        cluster = MockCluster.withAgents(agents, true);
        client = cluster.client();
        client.resource(Clusters.withMonoliths(NS, NAME, 3)).create();
        pods = new MonolithPods(client, NS, NAME);
        int[] users = {6, 2, 9};
        for (int i = 0; i < 3; i++) {
            agents.add("m-" + i).figures(1, users[i], users[i] + 4.0);
            pods.create("m-" + i, "10.10.0." + (10 + i), true, Instant.now());
        }
        fixture = new DrainFixture(client, NS, NAME);
        fixture.awaitDeploymentReplicas(3);
        MockCluster.await("every monolith published with its id", () -> fixture.registry().monoliths().size() == 3
                && fixture.registry().monoliths().stream().allMatch(m -> m.id() != null));
        Clusters.edit(client, NS, NAME, c -> c.getSpec().getMonolith().setReplicas(2));
        MockCluster.await("m-1 chosen and asked to drain",
                () -> pods.annotation("m-1", DrainAnnotations.DRAINING_SINCE) != null
                        && !agents.get("m-1").drainCalls().isEmpty());
    }

    @AfterEach
    void stop() {
        cluster.close();
        agents.close();
    }

    @Test
    void restartMidDrainResumesTheSameVictim() throws Exception {
        String since = pods.annotation("m-1", DrainAnnotations.DRAINING_SINCE);
        // Another pod would now be the fewest-users choice: a fresh start must not pick it.
        agents.get("m-2").figures(0, 0, 0);
        cluster.restartOperator();
        Thread.sleep(cluster.loops().agentPollInterval().toMillis() * 4);
        assertNull(pods.annotation("m-2", DrainAnnotations.DRAINING_SINCE));
        assertNull(pods.annotation("m-0", DrainAnnotations.DRAINING_SINCE));
        assertEquals(since, pods.annotation("m-1", DrainAnnotations.DRAINING_SINCE));
        assertEquals(3, fixture.deploymentReplicas());
        fixture.awaitDraining("True", "draining pod m-1");

        agents.get("m-1").finishDrain();
        MockCluster.await("m-1 released", () -> "-1000".equals(pods.annotation("m-1", DrainAnnotations.DELETION_COST)));
        fixture.awaitDeploymentReplicas(2);
    }

    @Test
    void restartAfterTheDrainFinishedDoesNotStartItAgain() throws Exception {
        agents.get("m-1").finishDrain();
        MockCluster.await("m-1 released", () -> "-1000".equals(pods.annotation("m-1", DrainAnnotations.DELETION_COST)));
        fixture.awaitDeploymentReplicas(2);
        int calls = agents.get("m-1").drainCalls().size();

        cluster.restartOperator();
        Thread.sleep(cluster.loops().agentPollInterval().toMillis() * 4);
        assertEquals(calls, agents.get("m-1").drainCalls().size(), "no new drain request");
        assertEquals(2, fixture.deploymentReplicas());
        for (String p : new String[] {"m-0", "m-2"}) {
            assertNull(pods.annotation(p, DrainAnnotations.DRAINING_SINCE), p);
        }
    }
}
