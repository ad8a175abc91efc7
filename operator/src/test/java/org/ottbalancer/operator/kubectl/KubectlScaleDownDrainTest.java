package org.ottbalancer.operator.kubectl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ottbalancer.operator.drain.DrainAnnotations;
import org.ottbalancer.operator.testing.FakeAgent;
import org.ottbalancer.operator.testing.FakeAgents;
import org.ottbalancer.operator.testing.Kubectl;
import org.ottbalancer.operator.testing.MockCluster;
import org.ottbalancer.operator.testing.MonolithPods;

/**
 * {@code kubectl scale ottcluster/x --replicas=N-1} with the real kubectl drives a whole drain: the
 * fake agents play the monoliths, the test plays the ReplicaSet controller.
 */
class KubectlScaleDownDrainTest {
    private static final String NS = "scale-down";

    @TempDir
    static Path dir;

    private static FakeAgents agents;
    private static MockCluster cluster;
    private static Kubectl kubectl;

    @BeforeAll
    static void start() throws Exception {
        agents = new FakeAgents();
        cluster = MockCluster.withAgents(agents, false);
        kubectl = new Kubectl(dir, cluster.port(), NS);
    }

    @AfterAll
    static void stop() {
        cluster.close();
        agents.close();
    }

    private static String get(String... args) {
        try {
            return kubectl.ok(args);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Like {@link #get}, but a failing kubectl (the object not there yet) is {@code null}, to be polled again. */
    private static String poll(String... args) {
        try {
            Kubectl.Result r = kubectl.run(args);
            return r.exitCode() == 0 ? r.stdout().trim() : null;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void scalingTheClusterDownDrainsOneMonolithAndEndsWithOneReplicaLess() throws Exception {
        kubectl.ok("apply", "--validate=false", "-f", "../crds/ottclusters.ottbalancer.org-v1.yml");
        Path cr = dir.resolve("party.yaml");
        Files.writeString(cr, String.join("\n",
                "apiVersion: ottbalancer.org/v1alpha1",
                "kind: OttCluster",
                "metadata:",
                "  name: party",
                "spec:",
                "  monolith:",
                "    replicas: 3",
                "  drain:",
                "    deadline: 60s",
                ""));
        MockCluster.await("the OttCluster created", () -> {
            try {
                return kubectl.run("apply", "--validate=false", "-f", cr.toString()).exitCode() == 0;
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        MockCluster.await("3 monoliths asked for",
                () -> "3".equals(poll("get", "deployment", "party-monolith", "-o", "jsonpath={.spec.replicas}")));
        MonolithPods pods = new MonolithPods(cluster.client(), NS, "party");
        int[] users = {12, 30, 4};
        for (int i = 0; i < 3; i++) {
            agents.add("party-monolith-" + i).figures(2, users[i], users[i] + 8.0);
            pods.create("party-monolith-" + i, "10.20.0." + (10 + i), true, Instant.now());
        }
        MockCluster.await("3 users totals in status", () -> "46".equals(get("get", "ottcluster", "party", "-o",
                "jsonpath={.status.users}")));

        Kubectl.Result scaled = kubectl.run("scale", "ottcluster/party", "--replicas=2");
        assertEquals(0, scaled.exitCode(), scaled.describe());

        FakeAgent victim = agents.get("party-monolith-2");
        MockCluster.await("the fewest-users monolith asked to drain", () -> !victim.drainCalls().isEmpty());
        MockCluster.await("Draining=True", () -> "True".equals(get("get", "ottcluster", "party", "-o",
                "jsonpath={.status.conditions[?(@.type==\"Draining\")].status}")));
        String registry = get("get", "configmap", "party-registry", "-o", "jsonpath={.data.registry\\.json}");
        assertTrue(registry.contains("\"pod\" : \"party-monolith-2\""), registry);
        assertEquals("3", get("get", "deployment", "party-monolith", "-o", "jsonpath={.spec.replicas}"));

        victim.finishDrain();
        MockCluster.await("the drained pod's deletion cost", () -> "-1000".equals(
                pods.annotation("party-monolith-2", DrainAnnotations.DELETION_COST)));
        MockCluster.await("2 monoliths", () -> "2".equals(get("get", "deployment", "party-monolith", "-o",
                "jsonpath={.spec.replicas}")));
        pods.delete("party-monolith-2");
        MockCluster.await("Draining=False", () -> "False".equals(get("get", "ottcluster", "party", "-o",
                "jsonpath={.status.conditions[?(@.type==\"Draining\")].status}")));
        assertEquals("2", get("get", "deployment", "party-monolith", "-o", "jsonpath={.spec.replicas}"));
        assertEquals("party-monolith-0 party-monolith-1", get("get", "ottcluster", "party", "-o",
                "jsonpath={.status.monoliths[*].pod}"));
    }
}
