package org.ottbalancer.operator.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ottbalancer.operator.model.MonolithStatus;
import org.ottbalancer.operator.model.OttCluster;
import org.ottbalancer.operator.model.OttClusterStatus;
import org.ottbalancer.operator.testing.Clusters;
import org.ottbalancer.operator.testing.FakeAgents;
import org.ottbalancer.operator.testing.MockCluster;
import org.ottbalancer.operator.testing.MonolithPods;
import org.ottbalancer.protocol.registry.MonolithEntry;
import org.ottbalancer.protocol.registry.MonolithState;
import org.ottbalancer.protocol.registry.RegistryCodec;
import org.ottbalancer.protocol.registry.RegistryDocument;

/**
 * The registry ConfigMap and status.monoliths, built from the monolith pods and their (fake) agents'
 * reports. Each test runs its own OttCluster in its own namespace.
 */
class RegistryPublishingTest {
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

    /** Creates the cluster and waits for its registry ConfigMap. */
    private static MonolithPods clusterIn(String ns, int monoliths) {
        client.resource(Clusters.withMonoliths(ns, NAME, monoliths)).create();
        MockCluster.await("the registry ConfigMap", () -> configMap(ns));
        return new MonolithPods(client, ns, NAME);
    }

    private static ConfigMap configMap(String ns) {
        return client.configMaps().inNamespace(ns).withName(NAME + "-registry").get();
    }

    static RegistryDocument registry(KubernetesClient client, String ns) {
        ConfigMap cm = client.configMaps().inNamespace(ns).withName(NAME + "-registry").get();
        return RegistryCodec.parse(cm.getData().get("registry.json"));
    }

    private static Map<String, MonolithEntry> byPod(RegistryDocument doc) {
        return doc.monoliths().stream().collect(Collectors.toMap(MonolithEntry::pod, e -> e));
    }

    private static RegistryDocument awaitRegistry(String ns, String what,
            java.util.function.Predicate<RegistryDocument> condition) {
        return MockCluster.await(what, () -> {
            RegistryDocument doc = registry(client, ns);
            return condition.test(doc) ? doc : null;
        });
    }

    private static OttClusterStatus status(String ns) {
        OttCluster c = client.resources(OttCluster.class).inNamespace(ns).withName(NAME).get();
        return c == null ? null : c.getStatus();
    }

    @Test
    void readyPodsAreListedAtTheirLinkEndpointWithIdRegionAndLoad() {
        agents.add("listed-a").figures(2, 7, 15.0).region("ewr");
        agents.add("listed-b").figures(0, 0, 0.0);
        MonolithPods pods = clusterIn("listed", 2);
        pods.create("listed-a", "10.1.0.11", true, Instant.now());
        pods.create("listed-b", "10.1.0.12", true, Instant.now());

        RegistryDocument doc = awaitRegistry("listed", "both pods with their reports",
                d -> d.monoliths().size() == 2 && d.monoliths().stream().allMatch(m -> m.id() != null));
        MonolithEntry a = byPod(doc).get("listed-a");
        assertEquals(new MonolithEntry("id-listed-a", "listed-a", "10.1.0.11", 3003, "ewr", MonolithState.ACTIVE, 15.0),
                a);
        MonolithEntry b = byPod(doc).get("listed-b");
        assertEquals(new MonolithEntry("id-listed-b", "listed-b", "10.1.0.12", 3003, null, MonolithState.ACTIVE, 0.0),
                b);
        assertTrue(doc.generation() >= 1, "every write increments the generation: " + doc.generation());
    }

    @Test
    void podsThatAreNotReadyAreNeverActiveAndLeftOutOnceEmpty() {
        agents.add("unready-serving").figures(1, 1, 5);
        agents.add("unready-empty").figures(0, 0, 0);
        agents.add("unready-busy").figures(3, 12, 24);
        MonolithPods pods = clusterIn("unready", 3);
        pods.create("unready-serving", "10.2.0.11", true, Instant.now());
        pods.create("unready-empty", "10.2.0.12", true, Instant.now());
        pods.create("unready-busy", "10.2.0.13", true, Instant.now());
        awaitRegistry("unready", "three active monoliths", d -> d.monoliths().size() == 3
                && d.monoliths().stream().allMatch(m -> m.id() != null && m.state() == MonolithState.ACTIVE));

        pods.setReady("unready-empty", false);
        pods.setReady("unready-busy", false);
        RegistryDocument doc = awaitRegistry("unready", "the empty unready pod left out, the busy one draining",
                d -> d.monoliths().size() == 2 && byPod(d).containsKey("unready-busy")
                        && byPod(d).get("unready-busy").state() == MonolithState.DRAINING);
        assertEquals(MonolithState.ACTIVE, byPod(doc).get("unready-serving").state());
        assertEquals(MonolithState.DRAINING, byPod(doc).get("unready-busy").state(),
                "an unready pod still holding rooms stays reachable for them, but gets no new ones");
    }

    @Test
    void aPodWithoutAReportYetIsListedWithoutIdAndLoadOnceReady() {
        MonolithPods pods = clusterIn("silent", 1);
        agents.add("silent-a").answering(false);
        pods.create("silent-a", "10.3.0.11", true, Instant.now());
        RegistryDocument doc = awaitRegistry("silent", "the ready pod", d -> d.monoliths().size() == 1);
        assertNull(doc.monoliths().get(0).id());
        assertNull(doc.monoliths().get(0).load());
    }

    @Test
    void smallLoadChangesDoNotRewriteTheRegistryButANewMonolithDoes() throws Exception {
        agents.add("storm-a").figures(5, 40, 60.0);
        MonolithPods pods = clusterIn("storm", 2);
        pods.create("storm-a", "10.4.0.11", true, Instant.now());
        RegistryDocument first = awaitRegistry("storm", "storm-a with its load",
                d -> d.monoliths().size() == 1 && Objects.equals(d.monoliths().get(0).load(), 60.0));
        String resourceVersion = configMap("storm").getMetadata().getResourceVersion();

        for (double load : new double[] {61, 63, 58, 65, 62, 57}) {
            agents.get("storm-a").figures(5, 41, load);
            Thread.sleep(cluster.loops().agentPollInterval().toMillis() * 2);
        }
        // Well past the minimum write interval: a held-back change would have been written by now.
        Thread.sleep(cluster.loops().registryMinWriteInterval().toMillis() + 300);
        assertEquals(resourceVersion, configMap("storm").getMetadata().getResourceVersion(),
                "loads within 20 % of the published one are not written");

        agents.add("storm-b").figures(0, 0, 0);
        pods.create("storm-b", "10.4.0.12", true, Instant.now());
        RegistryDocument second = awaitRegistry("storm", "storm-b added", d -> d.monoliths().size() == 2);
        assertEquals(first.generation() + 1, second.generation(), "one write for the new member");
    }

    @Test
    void aLargeLoadChangeIsPublished() {
        agents.add("surge-a").figures(1, 2, 6.0);
        MonolithPods pods = clusterIn("surge", 1);
        pods.create("surge-a", "10.5.0.11", true, Instant.now());
        RegistryDocument first = awaitRegistry("surge", "the first load",
                d -> d.monoliths().size() == 1 && Objects.equals(d.monoliths().get(0).load(), 6.0));
        agents.get("surge-a").figures(10, 80, 120.0);
        RegistryDocument second = awaitRegistry("surge", "the new load",
                d -> Objects.equals(d.monoliths().get(0).load(), 120.0));
        assertTrue(second.generation() > first.generation());
    }

    @Test
    void statusMirrorsTheRegistryWithRoomAndUserTotals() {
        agents.add("mirror-a").figures(2, 9, 17.0);
        agents.add("mirror-b").figures(1, 3, 7.0);
        MonolithPods pods = clusterIn("mirror", 2);
        pods.create("mirror-a", "10.6.0.11", true, Instant.now());
        pods.create("mirror-b", "10.6.0.12", true, Instant.now());
        OttClusterStatus status = MockCluster.await("status totals", () -> {
            OttClusterStatus s = status("mirror");
            return s != null && Objects.equals(s.getUsers(), 12) ? s : null;
        });
        assertEquals(3, status.getRooms());
        List<MonolithStatus> monoliths = status.getMonoliths();
        assertEquals(List.of("mirror-a", "mirror-b"), monoliths.stream().map(MonolithStatus::getPod).toList());
        MonolithStatus a = monoliths.get(0);
        assertEquals("id-mirror-a", a.getId());
        assertEquals("active", a.getState());
        assertEquals(2, a.getRooms());
        assertEquals(9, a.getUsers());
        assertEquals(17.0, a.getLoad());
        assertTrue(Instant.parse(a.getLastReport()).isAfter(Instant.now().minusSeconds(60)), a.getLastReport());
    }

    @Test
    void aTerminatingPodOfARollingUpdateIsDrainingWhileItHoldsRooms() {
        agents.add("roll-old").figures(2, 5, 13);
        MonolithPods pods = clusterIn("roll", 1);
        pods.create("roll-old", "10.7.0.11", true, Instant.now());
        awaitRegistry("roll", "roll-old active", d -> d.monoliths().size() == 1
                && d.monoliths().get(0).id() != null && d.monoliths().get(0).state() == MonolithState.ACTIVE);
        agents.add("roll-new").figures(0, 0, 0);
        pods.create("roll-new", "10.7.0.12", true, Instant.now());
        pods.startTerminating("roll-old");

        RegistryDocument doc = awaitRegistry("roll", "roll-old draining, roll-new active",
                d -> d.monoliths().size() == 2 && byPod(d).get("roll-old").state() == MonolithState.DRAINING);
        assertEquals(MonolithState.ACTIVE, byPod(doc).get("roll-new").state());

        agents.get("roll-old").figures(0, 0, 0);
        awaitRegistry("roll", "the emptied terminating pod left out", d -> d.monoliths().size() == 1);
    }
}
