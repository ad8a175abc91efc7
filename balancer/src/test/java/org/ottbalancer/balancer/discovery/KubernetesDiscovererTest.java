package org.ottbalancer.balancer.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ottbalancer.balancer.config.DiscoveryConfig;
import org.ottbalancer.balancer.harness.Eventually;
import org.ottbalancer.protocol.registry.MonolithEntry;
import org.ottbalancer.protocol.registry.MonolithState;
import org.ottbalancer.protocol.registry.RegistryCodec;

/** {@code method = "kubernetes"} against a mock API server: what is reported when the registry ConfigMap changes. */
class KubernetesDiscovererTest {
    private static final Duration QUIET = Duration.ofMillis(300);
    private static final AtomicInteger names = new AtomicInteger();

    private static RegistryApiServer api;
    private static EventLoopGroup group;

    /** Each test watches its own ConfigMap, so one server serves the whole class. */
    private final String configMap = "registry-" + names.incrementAndGet();
    private final RecordingListener listener = new RecordingListener();
    private Discoverer discoverer;

    @BeforeAll
    static void startServer() {
        api = new RegistryApiServer();
        group = EventLoops.newGroup();
    }

    @AfterAll
    static void stopServer() {
        api.close();
        EventLoops.shutdown(group);
    }

    @AfterEach
    void closeDiscoverer() {
        if (discoverer != null) {
            discoverer.close();
        }
    }

    private void startWatching() {
        startWatching(api.client());
    }

    private void startWatching(KubernetesClient client) {
        discoverer = Discoverers.kubernetes(
                new DiscoveryConfig.Kubernetes(RegistryApiServer.NAMESPACE, configMap, RegistryApiServer.KEY), client, group);
        discoverer.start(listener);
    }

    /**
     * Starts and waits until the watch is open: the mock server, unlike a real API server, loses
     * changes made between the informer's first list and its watch.
     */
    private void startWatchingAndAwaitTheWatch() {
        startWatching();
        KubernetesDiscoverer kubernetes = (KubernetesDiscoverer) discoverer;
        Eventually.await(RecordingListener.WAIT, "the informer watches " + configMap, kubernetes::watching);
    }

    private static MonolithEntry monolith(int port, MonolithState state, Double load) {
        return new MonolithEntry(null, "ott-" + port, "10.0.0." + (port % 200), port, "ewr", state, load);
    }

    private static MonolithEntry active(int port) {
        return monolith(port, MonolithState.ACTIVE, null);
    }

    private static String codecMessageFor(String document) {
        return assertThrows(RegistryCodec.InvalidRegistryException.class, () -> RegistryCodec.parse(document)).getMessage();
    }

    @Test
    void registryInTheConfigMapAtStartIsReported() throws InterruptedException {
        api.publish(configMap, active(3001), monolith(3002, MonolithState.DRAINING, 0.5));

        startWatching();

        assertEquals(List.of(active(3001), monolith(3002, MonolithState.DRAINING, 0.5)), listener.nextMonoliths());
    }

    @Test
    void changesAreReportedInOrder() throws InterruptedException {
        api.publish(configMap, active(3001));
        startWatchingAndAwaitTheWatch();
        assertEquals(List.of(active(3001)), listener.nextMonoliths());

        api.publish(configMap, active(3001), active(3002));
        assertEquals(List.of(active(3001), active(3002)), listener.nextMonoliths());

        api.publish(configMap, monolith(3001, MonolithState.DRAINING, null), active(3002));
        assertEquals(List.of(monolith(3001, MonolithState.DRAINING, null), active(3002)), listener.nextMonoliths());

        api.publish(configMap, monolith(3001, MonolithState.DRAINING, null), monolith(3002, MonolithState.ACTIVE, 0.75));
        assertEquals(List.of(monolith(3001, MonolithState.DRAINING, null), monolith(3002, MonolithState.ACTIVE, 0.75)),
                listener.nextMonoliths());
    }

    @Test
    void invalidDocumentIsAnErrorWithTheCodecsMessageAndThePreviousSetStays() throws InterruptedException {
        api.publish(configMap, active(3001));
        startWatchingAndAwaitTheWatch();
        listener.nextMonoliths();
        String broken = "{\"version\": 1, \"monoliths\": [ {\"host\": \"10.0.0.1\"";

        api.put(configMap, Map.of(RegistryApiServer.KEY, broken));

        RecordingListener.Failed error = listener.nextError();
        assertTrue(error.description().contains(codecMessageFor(broken)), error.description());
        assertTrue(error.description().contains(configMap), error.description());
        listener.assertNothingWithin(QUIET);
    }

    @Test
    void validDocumentAfterAnInvalidOneIsReported() throws InterruptedException {
        api.publish(configMap, active(3001));
        startWatchingAndAwaitTheWatch();
        listener.nextMonoliths();
        api.put(configMap, Map.of(RegistryApiServer.KEY, "not a registry"));
        listener.nextError();

        api.publish(configMap, active(3001), active(3002));

        assertEquals(List.of(active(3001), active(3002)), listener.nextMonoliths());
    }

    @Test
    void configMapWithoutTheKeyIsAnErrorNamingTheKey() throws InterruptedException {
        api.put(configMap, Map.of("other.json", "{}"));

        startWatching();

        String description = listener.nextError().description();
        assertTrue(description.contains("has no key \"registry.json\" (keys: other.json)"), description);
    }

    @Test
    void changeOutsideTheRegistryKeyReportsNothing() throws InterruptedException {
        api.publish(configMap, active(3001));
        startWatchingAndAwaitTheWatch();
        listener.nextMonoliths();

        api.label(configMap, "touched", "yes");

        listener.assertNothingWithin(QUIET);
    }

    @Test
    void deletedConfigMapIsAnErrorAndTheLastSetStays() throws InterruptedException {
        api.publish(configMap, active(3001), active(3002));
        startWatchingAndAwaitTheWatch();
        listener.nextMonoliths();

        api.delete(configMap);

        String description = listener.nextError().description();
        assertTrue(description.contains("was deleted; keeping the 2 monolith(s) it listed last"), description);
        listener.assertNothingWithin(QUIET);
    }

    @Test
    void recreatedConfigMapIsReportedEvenWithTheSameContent() throws InterruptedException {
        api.publish(configMap, active(3001));
        startWatchingAndAwaitTheWatch();
        listener.nextMonoliths();
        api.delete(configMap);
        listener.nextError();

        api.publish(configMap, active(3001));

        assertEquals(List.of(active(3001)), listener.nextMonoliths());
    }

    @Test
    void configMapCreatedAfterTheStartIsReported() throws InterruptedException {
        startWatchingAndAwaitTheWatch();
        String description = listener.nextError().description();
        assertTrue(description.contains("does not exist"), description);

        api.publish(configMap, active(3001));

        assertEquals(List.of(active(3001)), listener.nextMonoliths());
    }

    @Test
    void otherConfigMapsInTheNamespaceAreIgnored() throws InterruptedException {
        api.publish(configMap, active(3001));
        startWatchingAndAwaitTheWatch();
        listener.nextMonoliths();

        api.publish(configMap + "-other", active(4001));

        listener.assertNothingWithin(QUIET);
    }

    @Test
    void nothingIsReportedAfterClose() throws InterruptedException {
        api.publish(configMap, active(3001));
        startWatchingAndAwaitTheWatch();
        listener.nextMonoliths();

        discoverer.close();
        api.publish(configMap, active(3001), active(3002));
        api.delete(configMap);

        listener.assertNothingWithin(QUIET);
    }

    @Test
    void closingLeavesTheCallersClientOpen() throws InterruptedException {
        api.publish(configMap, active(3001));
        startWatching();
        listener.nextMonoliths();

        discoverer.close();

        assertNotNull(api.client().configMaps().inNamespace(RegistryApiServer.NAMESPACE).withName(configMap).get());
    }

    @Test
    void unreachableApiServerIsReportedAsAnError() throws InterruptedException {
        int closedPort;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            closedPort = s.getLocalPort();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        try (KubernetesClient unreachable = new KubernetesClientBuilder().withConfig(
                new io.fabric8.kubernetes.client.ConfigBuilder().withMasterUrl("http://127.0.0.1:" + closedPort)
                        .withRequestRetryBackoffLimit(0).build()).build()) {
            startWatching(unreachable);

            String description = listener.nextError().description();
            assertTrue(description.startsWith("cannot watch ConfigMap ott/" + configMap + ": ConnectException"), description);
            discoverer.close();
        }
    }
}
