package org.ottbalancer.balancer.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.ottbalancer.balancer.harness.BalancerFixture.WAIT;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ottbalancer.balancer.config.DiscoveryConfig;
import org.ottbalancer.balancer.harness.BalancerFixture;
import org.ottbalancer.balancer.harness.Eventually;
import org.ottbalancer.balancer.harness.MockMonolith;
import org.ottbalancer.balancer.harness.RunningBalancer;
import org.ottbalancer.protocol.registry.MonolithEntry;
import org.ottbalancer.protocol.registry.MonolithState;

/**
 * A balancer configured with {@code method = "kubernetes"} follows the registry ConfigMap on a
 * (mock) API server: it links to the monoliths listed, gives draining ones no new rooms and drops
 * the ones removed.
 *
 * <p>The balancer builds its own client the way it does in production, from fabric8's
 * auto-configuration; the {@code kubernetes.*} system properties point that at the mock server and
 * keep it from reading a kubeconfig or service account of the machine running the tests.
 */
class KubernetesRegistryBalancerTest {
    private static final Map<String, String> CLIENT_PROPERTIES = new HashMap<>();
    private static final Map<String, String> previous = new HashMap<>();
    private static RegistryApiServer api;

    @RegisterExtension
    final BalancerFixture fx = new BalancerFixture();

    @BeforeAll
    static void pointClientsAtTheMockServer() {
        api = new RegistryApiServer();
        CLIENT_PROPERTIES.put("kubernetes.master", api.url());
        CLIENT_PROPERTIES.put("kubernetes.auth.tryKubeConfig", "false");
        CLIENT_PROPERTIES.put("kubernetes.auth.tryServiceAccount", "false");
        CLIENT_PROPERTIES.forEach((key, value) -> previous.put(key, System.setProperty(key, value)));
    }

    @AfterAll
    static void restoreProperties() {
        previous.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
        api.close();
    }

    /** Starts a balancer following {@code configMap} and waits until its watch on it is open. */
    private RunningBalancer balancerFollowing(String configMap) {
        RunningBalancer b = fx.balancerUsingConfiguredDiscovery(c -> c.withDiscovery(
                new DiscoveryConfig.Kubernetes(RegistryApiServer.NAMESPACE, configMap, RegistryApiServer.KEY)));
        try {
            api.awaitWatchOf(configMap, WAIT);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
        return b;
    }

    private static MonolithEntry entry(MockMonolith m, MonolithState state) {
        return new MonolithEntry(m.id().toString(), null, "127.0.0.1", m.port(), null, state, null);
    }

    private static void awaitDraining(RunningBalancer b, MockMonolith m) {
        Eventually.await(WAIT, m + " marked draining", () -> b.http()
                .get("/api/balancing", "Authorization", "Bearer " + BalancerFixture.API_KEY).body()
                .contains(m.id() + " (draining)"));
    }

    @Test
    void balancerLinksToTheMonolithsListedInTheConfigMap() {
        MockMonolith m = fx.monolith();
        api.publish("links", entry(m, MonolithState.ACTIVE));

        RunningBalancer b = balancerFollowing("links");

        b.awaitRegistered(m);
    }

    @Test
    void monolithMarkedDrainingGetsNoNewRoomsAndAnotherOneTakesThem() {
        MockMonolith draining = fx.monolith();
        MockMonolith other = fx.monolith();
        api.publish("draining", entry(draining, MonolithState.ACTIVE));
        RunningBalancer b = balancerFollowing("draining");
        b.awaitRegistered(draining);

        api.publish("draining", entry(draining, MonolithState.DRAINING), entry(other, MonolithState.ACTIVE));
        b.awaitRegistered(draining, other);
        awaitDraining(b, draining);

        for (int i = 0; i < 3; i++) {
            assertSame(other, b.join("new-room-" + i, draining, other).monolith());
        }
    }

    @Test
    void monolithRemovedFromTheConfigMapLosesItsLink() {
        MockMonolith leaving = fx.monolith();
        MockMonolith staying = fx.monolith();
        api.publish("removal", entry(leaving, MonolithState.ACTIVE), entry(staying, MonolithState.ACTIVE));
        RunningBalancer b = balancerFollowing("removal");
        b.awaitRegistered(leaving, staying);

        api.publish("removal", entry(staying, MonolithState.ACTIVE));

        b.awaitUnregistered(leaving);
        leaving.awaitNoLinks(WAIT);
        assertEquals(List.of(staying.id()), List.copyOf(b.registeredMonoliths()));
    }
}
