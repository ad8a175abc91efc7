package org.ottbalancer.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.CountDownLatch;
import org.ottbalancer.operator.config.ComponentImages;
import org.ottbalancer.operator.config.ControlLoopSettings;
import org.ottbalancer.operator.config.OperatorPods;
import org.ottbalancer.operator.config.OperatorSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code java -jar ott-operator.jar}: runs the OttCluster operator with the in-cluster (or
 * kubeconfig) credentials, configured by environment variables (see {@link OperatorSettings}).
 * SIGTERM stops it gracefully: reconciliations in flight finish, then the health server and the
 * client close.
 */
public final class OperatorMain {
    private static final Logger LOG = LoggerFactory.getLogger(OperatorMain.class);

    private OperatorMain() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            System.err.println("ott-operator takes no arguments; it is configured with the environment variables "
                    + String.join(", ", OperatorSettings.WATCH_NAMESPACES, OperatorSettings.LEADER_ELECTION,
                            OperatorSettings.LEASE_NAME, OperatorSettings.LEASE_NAMESPACE, OperatorSettings.HEALTH_PORT,
                            OperatorSettings.SERVER_SIDE_APPLY, OperatorPods.POD_LABELS, ComponentImages.BALANCER_ENV, ComponentImages.AGENT_ENV,
                            ComponentImages.MONOLITH_ENV, ControlLoopSettings.AGENT_POLL_INTERVAL,
                            ControlLoopSettings.AGENT_REQUEST_TIMEOUT, ControlLoopSettings.REGISTRY_MIN_WRITE_INTERVAL,
                            ControlLoopSettings.REGISTRY_LOAD_CHANGE, ControlLoopSettings.DRAINED_POD_GRACE));
            System.exit(2);
        }
        String version = ComponentImages.operatorVersion();
        OperatorSettings settings;
        try {
            settings = OperatorSettings.fromEnvironment(System.getenv(), version);
        } catch (IllegalArgumentException e) {
            System.err.println("ott-operator: " + e.getMessage());
            System.exit(2);
            return;
        }
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        new JvmMemoryMetrics().bindTo(metrics);
        new JvmGcMetrics().bindTo(metrics);
        new JvmThreadMetrics().bindTo(metrics);
        new ProcessorMetrics().bindTo(metrics);

        KubernetesClient client = new KubernetesClientBuilder().build();
        OttOperator operator;
        HealthServer health;
        try {
            operator = OttOperator.start(client, settings, metrics, Clock.systemUTC());
            health = HealthServer.start(settings.healthPort(), () -> operator.runtimeInfo().isStarted()
                    && operator.runtimeInfo().allEventSourcesAreHealthy(), metrics);
        } catch (IOException | RuntimeException e) {
            LOG.error("ott-operator could not start: {}", e.getMessage(), e);
            client.close();
            System.exit(1);
            return;
        }
        LOG.info("ott-operator {} started: namespaces {}, leader election {}, server-side apply {}, health port {}",
                version, settings.watchNamespaces().isEmpty() ? "all" : settings.watchNamespaces(),
                settings.leaderElection() ? "on (Lease " + settings.leaseName() + ")" : "off",
                settings.serverSideApply(), health.port());

        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("ott-operator stopping");
            try {
                operator.close();
            } finally {
                health.close();
                client.close();
                stopped.countDown();
            }
        }, "operator-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
