package org.ottbalancer.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import org.ottbalancer.operator.config.OperatorSettings;
import org.ottbalancer.operator.reconciler.OttClusterReconciler;
import org.ottbalancer.operator.status.Conditions;
import org.ottbalancer.operator.status.StatusAggregator;

/**
 * The running operator: the OttCluster controller on a given client, configured from
 * {@link OperatorSettings}. Tests start it on the mock API server exactly as {@link OperatorMain}
 * starts it on a cluster.
 */
public final class OttOperator implements AutoCloseable {
    private final Operator operator;

    private OttOperator(Operator operator) {
        this.operator = operator;
    }

    /** Registers the controller and starts it (or, with leader election, starts competing for the Lease). */
    public static OttOperator start(KubernetesClient client, OperatorSettings settings, MeterRegistry metrics,
            Clock clock) {
        Operator operator = new Operator(o -> {
            o.withKubernetesClient(client)
                    .withCloseClientOnStop(false)
                    // The operator owns the whole status, so a plain merge patch is enough, and it works
                    // on API servers without server-side apply too.
                    .withUseSSAToPatchPrimaryResource(false)
                    .withSSABasedCreateUpdateMatchForDependentResources(settings.serverSideApply())
                    .withMetrics(MicrometerMetrics.newPerResourceCollectingMicrometerMetricsBuilder(metrics).build());
            if (settings.leaderElection()) {
                LeaderElectionConfigurationBuilder leader =
                        LeaderElectionConfigurationBuilder.aLeaderElectionConfiguration(settings.leaseName());
                settings.leaseNamespace().ifPresent(leader::withLeaseNamespace);
                o.withLeaderElectionConfiguration(leader.build());
            }
        });
        OttClusterReconciler reconciler = new OttClusterReconciler(settings.images(),
                new StatusAggregator(new Conditions(clock)));
        operator.register(reconciler, c -> {
            if (settings.watchNamespaces().isEmpty()) {
                c.watchingAllNamespaces();
            } else {
                c.settingNamespaces(settings.watchNamespaces());
            }
        });
        operator.start();
        return new OttOperator(operator);
    }

    public RuntimeInfo runtimeInfo() {
        return operator.getRuntimeInfo();
    }

    /** Stops the controller; reconciliations in flight finish first. */
    @Override
    public void close() {
        operator.stop();
    }
}
