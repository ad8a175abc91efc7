package org.ottbalancer.operator.testing;

import io.fabric8.kubernetes.api.model.apiextensions.v1.CustomResourceDefinition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.ottbalancer.operator.OttOperator;
import org.ottbalancer.operator.agents.AgentEndpoints;
import org.ottbalancer.operator.config.ComponentImages;
import org.ottbalancer.operator.config.ControlLoopSettings;
import org.ottbalancer.operator.config.OperatorPods;
import org.ottbalancer.operator.config.OperatorSettings;

/**
 * A fabric8 CRUD mock API server (plain HTTP on loopback, with API discovery for kubectl), the
 * generated OttCluster CRD installed in it, and the operator running against it.
 */
public final class MockCluster implements AutoCloseable {
    public static final Path GENERATED_CRD = Path.of("target/classes/META-INF/fabric8/ottclusters.ottbalancer.org-v1.yml");
    public static final String IMAGE_TAG = "9.9.9-test";

    /** Held so that the level sticks: java.util.logging keeps loggers only weakly. */
    private static final java.util.logging.Logger MOCK_SERVER_LOG = java.util.logging.Logger.getLogger("io.fabric8.mockwebserver");

    static {
        // the mock server logs every request at INFO
        MOCK_SERVER_LOG.setLevel(java.util.logging.Level.WARNING);
    }

    /**
     * Fast loops for tests: agents polled every 150 ms, load changes published at most once a second.
     */
    public static final ControlLoopSettings FAST_LOOPS = new ControlLoopSettings(Duration.ofMillis(150),
            Duration.ofSeconds(1), Duration.ofSeconds(1), 0.2, Duration.ofSeconds(60));

    /** Where the operator under test claims to run: its pods are the ones the monolith policy admits. */
    public static final OperatorPods OPERATOR_PODS =
            new OperatorPods(Optional.of("ott-system"), java.util.Map.of("app.kubernetes.io/name", "ott-operator"));

    private final KubernetesMockServer server;
    private final KubernetesClient client;
    private final ControlLoopSettings loops;
    private final AgentEndpoints endpoints;
    private OttOperator operator;

    private MockCluster(KubernetesMockServer server, KubernetesClient client, ControlLoopSettings loops,
            AgentEndpoints endpoints) {
        this.server = server;
        this.client = client;
        this.loops = loops;
        this.endpoints = endpoints;
        this.operator = startOperator();
    }

    public static MockCluster start() {
        return start(true);
    }

    /** @param installCrd whether to create the CRD through the client (kubectl tests apply it themselves) */
    public static MockCluster start(boolean installCrd) {
        return start(installCrd, ControlLoopSettings.DEFAULTS, AgentEndpoints.podIp());
    }

    /** An operator with the {@link #FAST_LOOPS} reaching the monolith pods' agents through {@code endpoints}. */
    public static MockCluster withAgents(AgentEndpoints endpoints, boolean installCrd) {
        return start(installCrd, FAST_LOOPS, endpoints);
    }

    public static MockCluster start(boolean installCrd, ControlLoopSettings loops, AgentEndpoints endpoints) {
        KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new DiscoveryCrudDispatcher(), false);
        try {
            server.init(InetAddress.getLoopbackAddress(), 0);
        } catch (RuntimeException e) {
            server.destroy();
            throw e;
        }
        KubernetesClient client = server.createClient();
        if (installCrd) {
            client.resource(generatedCrd()).create();
        }
        return new MockCluster(server, client, loops, endpoints);
    }

    private OttOperator startOperator() {
        OperatorSettings settings = new OperatorSettings(Set.of(), false, OperatorSettings.DEFAULT_LEASE_NAME,
                Optional.empty(), 0, false, ComponentImages.forVersion(IMAGE_TAG), loops, OPERATOR_PODS);
        return OttOperator.start(client, settings, new SimpleMeterRegistry(), Clock.systemUTC(), endpoints);
    }

    /** Stops the operator and starts a new one on the same API server, as a pod restart would. */
    public void restartOperator() {
        operator.close();
        operator = startOperator();
    }

    public ControlLoopSettings loops() {
        return loops;
    }

    public static CustomResourceDefinition generatedCrd() {
        try (InputStream in = Files.newInputStream(GENERATED_CRD)) {
            return io.fabric8.kubernetes.client.utils.Serialization.unmarshal(in, CustomResourceDefinition.class);
        } catch (IOException e) {
            throw new UncheckedIOException("the CRD is generated by `mvn process-classes`; " + GENERATED_CRD
                    + " is missing", e);
        }
    }

    public KubernetesClient client() {
        return client;
    }

    public int port() {
        return server.getPort();
    }

    /** Polls until {@code value} is non-null and not {@code false}, failing after {@code timeout}. */
    public static <T> T await(String what, Duration timeout, Supplier<T> value) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                T v = value.get();
                if (v != null && !Boolean.FALSE.equals(v)) {
                    return v;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout + " waiting for " + what, last);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /** Waits up to 30 s: generous for a loaded two-core machine, and a passing wait returns at once. */
    public static <T> T await(String what, Supplier<T> value) {
        return await(what, Duration.ofSeconds(30), value);
    }

    @Override
    public void close() {
        try {
            operator.close();
        } finally {
            client.close();
            server.destroy();
        }
    }
}
