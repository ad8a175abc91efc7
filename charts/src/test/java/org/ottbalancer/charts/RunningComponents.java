package org.ottbalancer.charts;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BooleanSupplier;
import org.ottbalancer.agent.MonolithAgent;
import org.ottbalancer.agent.config.AgentConfig;
import org.ottbalancer.balancer.BalancerServer;
import org.ottbalancer.balancer.config.BalancerConfig;
import org.ottbalancer.balancer.config.DiscoveryConfig;
import org.ottbalancer.monolith.SampleMonolith;
import org.ottbalancer.monolith.config.MonolithConfig;
import org.ottbalancer.monolith.store.InMemoryRoomStore;
import org.ottbalancer.operator.OttOperator;
import org.ottbalancer.operator.config.ComponentImages;
import org.ottbalancer.operator.config.ControlLoopSettings;
import org.ottbalancer.operator.config.OperatorPods;
import org.ottbalancer.operator.config.OperatorSettings;
import org.ottbalancer.operator.testing.DiscoveryCrudDispatcher;

/**
 * The metric names the components really export: a sample monolith behind its agent behind a
 * balancer on loopback (ephemeral ports), and the operator reconciling the sample OttCluster on the
 * mock API server, each scraped the way Prometheus scrapes it.
 */
final class RunningComponents {
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Held so that the level sticks: java.util.logging keeps loggers only weakly. */
    private static final java.util.logging.Logger MOCK_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        // the mock server logs every request at INFO
        MOCK_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    private RunningComponents() {
    }

    /** Names of the samples in the scrapes of the balancer, the agent, the monolith and the operator. */
    static Set<String> exportedMetricNames() throws Exception {
        Set<String> names = new TreeSet<>();
        names.addAll(balancerAgentAndMonolith());
        names.addAll(operator());
        return names;
    }

    private static Set<String> balancerAgentAndMonolith() throws Exception {
        Set<String> names = new TreeSet<>();
        try (SampleMonolith monolith = SampleMonolith.start(MonolithConfig.loopbackEphemeral(), new InMemoryRoomStore());
                MonolithAgent agent = MonolithAgent.start(AgentConfig.builder().bindAddress("127.0.0.1").linkPort(0)
                        .httpPort(0).prestopPort(0).monolith("127.0.0.1", monolith.balancingPort())
                        .drainOnShutdown(false).build())) {
            BalancerServer balancer = BalancerServer.start(BalancerConfig.defaults().withPort(0).withDiscovery(
                    new DiscoveryConfig.Manual(List.of(new DiscoveryConfig.HostPort("127.0.0.1", agent.linkPort())))));
            try {
                await("the balancer linked to the monolith's agent", () -> balancer.state().monoliths().size() == 1);
                // a request the balancer proxies to a monolith, so that the per-monolith proxy timer exists
                HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + balancer.port() + "/"))
                        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.discarding());
                names.addAll(sampleNames(get("http://127.0.0.1:" + balancer.port() + "/api/status/metrics")));
                names.addAll(sampleNames(get("http://127.0.0.1:" + agent.httpPort() + "/metrics")));
                names.addAll(sampleNames(get("http://127.0.0.1:" + monolith.httpPort() + "/metrics")));
            } finally {
                balancer.close();
            }
        }
        return names;
    }

    private static Set<String> operator() throws IOException {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new DiscoveryCrudDispatcher(), false);
        server.init(InetAddress.getLoopbackAddress(), 0);
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (KubernetesClient client = server.createClient()) {
            try (InputStream crd = Files.newInputStream(ChartFiles.GENERATED_CRD)) {
                client.resource(Serialization.unmarshal(crd, CustomResourceDefinition.class)).create();
            }
            OperatorSettings settings = new OperatorSettings(Set.of(), false, OperatorSettings.DEFAULT_LEASE_NAME,
                    Optional.empty(), 0, false, ComponentImages.forVersion("0.0.0-test"), ControlLoopSettings.DEFAULTS,
                    OperatorPods.fromEnvironment(Map.of(), Optional.of("default")));
            try (OttOperator operator = OttOperator.start(client, settings, metrics, Clock.systemUTC())) {
                GenericKubernetesResource cluster;
                try (InputStream sample = Files.newInputStream(Path.of("../crds/sample-ottcluster.yaml"))) {
                    cluster = Serialization.unmarshal(sample, GenericKubernetesResource.class);
                }
                cluster.getMetadata().setNamespace("default");
                client.resource(cluster).create();
                await("the operator reconciled the sample OttCluster", () -> sampleNames(metrics.scrape()).stream()
                        .anyMatch(n -> n.contains("reconciliations") && n.contains("success")));
                return sampleNames(metrics.scrape());
            }
        } finally {
            metrics.close();
            server.destroy();
        }
    }

    /** The metric name of every sample line of a Prometheus text exposition. */
    static Set<String> sampleNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }

    private static String get(String url) throws IOException, InterruptedException {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new AssertionError("GET " + url + " answered " + r.statusCode() + ": " + r.body());
        }
        return r.body();
    }

    private static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + WAIT + " waiting until " + what);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting until " + what, e);
            }
        }
    }
}
