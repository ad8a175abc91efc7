package org.ottbalancer.operator.fleet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ottbalancer.operator.testing.Clusters;
import org.ottbalancer.operator.testing.FakeAgents;
import org.ottbalancer.operator.testing.MockCluster;
import org.ottbalancer.operator.testing.MonolithPods;
import org.ottbalancer.protocol.registry.RegistryCodec;

/**
 * A new operator process knows no agent yet. Balancers follow every write of the registry, so a
 * document written before the agents answered again would drop every monolith link for a moment.
 */
class RegistryAcrossOperatorRestartTest {
    private static final String NS = "registry-restart";
    private static final String NAME = "ott";

    private FakeAgents agents;
    private MockCluster cluster;
    private KubernetesClient client;
    private DrainFixture fixture;
    private final List<Integer> publishedMonolithCounts = new CopyOnWriteArrayList<>();
    private Watch watch;

    @BeforeEach
    void threeMonolithsPublished() {
        agents = new FakeAgents();
        cluster = MockCluster.withAgents(agents, true);
        client = cluster.client();
        client.resource(Clusters.withMonoliths(NS, NAME, 3)).create();
        MonolithPods pods = new MonolithPods(client, NS, NAME);
        for (int i = 0; i < 3; i++) {
            agents.add("m-" + i).figures(1, 2, 3.0);
            pods.create("m-" + i, "10.20.0." + (10 + i), true, Instant.now());
        }
        fixture = new DrainFixture(client, NS, NAME);
        MockCluster.await("every monolith published with its id", () -> fixture.registry().monoliths().size() == 3
                && fixture.registry().monoliths().stream().allMatch(m -> m.id() != null));
    }

    @AfterEach
    void stop() {
        if (watch != null) {
            watch.close();
        }
        cluster.close();
        agents.close();
    }

    private void recordEveryWriteOfTheRegistry() {
        watch = client.configMaps().inNamespace(NS).withName(NAME + "-registry").watch(new Watcher<ConfigMap>() {
            @Override
            public void eventReceived(Action action, ConfigMap cm) {
                if (action == Action.MODIFIED || action == Action.ADDED) {
                    publishedMonolithCounts.add(RegistryCodec.parse(cm.getData().get("registry.json")).monoliths().size());
                }
            }

            @Override
            public void onClose(WatcherException cause) {
            }
        });
    }

    @Test
    void aRestartedOperatorNeverPublishesARegistryWithoutTheMonolithsItHasNotPolledYet() throws Exception {
        recordEveryWriteOfTheRegistry();
        cluster.restartOperator();
        agents.get("m-1").figures(9, 40, 80.0);
        MockCluster.await("the new operator published m-1's new load",
                () -> fixture.registry().monoliths().stream().anyMatch(m -> m.load() != null && m.load() == 80.0));

        assertTrue(publishedMonolithCounts.size() >= 1, "the new operator wrote the registry at least once");
        assertEquals(List.of(), publishedMonolithCounts.stream().filter(n -> n != 3).toList(),
                "registry documents written after the restart with a monolith missing, in order: " + publishedMonolithCounts);
    }
}
