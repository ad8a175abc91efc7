package org.ottbalancer.operator;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.Operator;
import io.javaoperatorsdk.operator.RuntimeInfo;
import io.javaoperatorsdk.operator.api.config.LeaderElectionConfigurationBuilder;
import io.javaoperatorsdk.operator.monitoring.micrometer.MicrometerMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.ottbalancer.operator.agents.AgentClient;
import org.ottbalancer.operator.agents.AgentEndpoints;
import org.ottbalancer.operator.agents.AgentPoller;
import org.ottbalancer.operator.config.ControlLoopSettings;
import org.ottbalancer.operator.config.OperatorPods;
import org.ottbalancer.operator.reconciler.ClusterEvents;
import org.ottbalancer.operator.reconciler.MonolithFleet;
import org.ottbalancer.operator.registry.RegistryPublisher;
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
    private final AgentPoller poller;
    private final ExecutorService agentHttp;

    private OttOperator(Operator operator, AgentPoller poller, ExecutorService agentHttp) {
        this.operator = operator;
        this.poller = poller;
        this.agentHttp = agentHttp;
    }

    /** Registers the controller and starts it (or, with leader election, starts competing for the Lease). */
    public static OttOperator start(KubernetesClient client, OperatorSettings settings, MeterRegistry metrics,
            Clock clock) {
        return start(client, settings, metrics, clock, AgentEndpoints.podIp());
    }

    /**
     * @param endpoints where the monolith pods' agents are reached: their pod IP in a cluster, fake
     *     agents in tests
     */
    public static OttOperator start(KubernetesClient client, OperatorSettings settings, MeterRegistry metrics,
            Clock clock, AgentEndpoints endpoints) {
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
        ControlLoopSettings loops = settings.loops();
        // Agent requests are asynchronous; these threads only run their completions.
        ExecutorService agentHttp = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "agent-http");
            t.setDaemon(true);
            return t;
        });
        AgentPoller poller = new AgentPoller(new AgentClient(loops.agentRequestTimeout(), agentHttp),
                loops.agentPollInterval(), clock);
        MonolithFleet fleet = new MonolithFleet(client, poller, endpoints,
                new RegistryPublisher(client, clock, loops.registryMinWriteInterval(), loops.registryLoadChange()),
                new ClusterEvents(client, clock), clock, loops);
        // In a pod the client's namespace is the pod's own (from its service-account mount).
        OperatorPods operatorPods = settings.operatorPods().namespace().isPresent() ? settings.operatorPods()
                : settings.operatorPods().inNamespace(client.getNamespace());
        OttClusterReconciler reconciler = new OttClusterReconciler(settings.images(), operatorPods,
                new StatusAggregator(new Conditions(clock)), fleet, poller);
        operator.register(reconciler, c -> {
            if (settings.watchNamespaces().isEmpty()) {
                c.watchingAllNamespaces();
            } else {
                c.settingNamespaces(settings.watchNamespaces());
            }
        });
        try {
            operator.start();
        } catch (RuntimeException e) {
            poller.close();
            agentHttp.shutdownNow();
            throw e;
        }
        return new OttOperator(operator, poller, agentHttp);
    }

    public RuntimeInfo runtimeInfo() {
        return operator.getRuntimeInfo();
    }

    /** Stops the controller; reconciliations in flight finish first. */
    @Override
    public void close() {
        try {
            operator.stop();
        } finally {
            poller.close();
            agentHttp.shutdownNow();
        }
    }
}
