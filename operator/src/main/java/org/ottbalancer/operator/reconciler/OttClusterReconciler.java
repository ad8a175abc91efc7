package org.ottbalancer.operator.reconciler;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.InformerEventSourceConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.EventSourceContext;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import io.javaoperatorsdk.operator.processing.event.source.EventSource;
import io.javaoperatorsdk.operator.processing.event.source.inbound.SimpleInboundEventSource;
import io.javaoperatorsdk.operator.processing.event.source.informer.InformerEventSource;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.ottbalancer.operator.agents.AgentPoller;
import org.ottbalancer.operator.drain.DrainPlan;
import org.ottbalancer.operator.status.FleetStatus;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.ControllerConfiguration;
import io.javaoperatorsdk.operator.api.reconciler.ErrorStatusUpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.PrimaryUpdateAndCacheUtils;
import io.javaoperatorsdk.operator.api.reconciler.Reconciler;
import io.javaoperatorsdk.operator.api.reconciler.UpdateControl;
import io.javaoperatorsdk.operator.api.reconciler.Workflow;
import io.javaoperatorsdk.operator.api.reconciler.dependent.Dependent;
import java.util.List;
import java.util.Optional;
import org.ottbalancer.operator.config.ComponentImages;
import org.ottbalancer.operator.config.OperatorPods;
import org.ottbalancer.operator.dependent.BalancerDeploymentDependent;
import org.ottbalancer.operator.dependent.BalancerNetworkPolicyDependent;
import org.ottbalancer.operator.dependent.BalancerPodDisruptionBudgetDependent;
import org.ottbalancer.operator.dependent.BalancerServiceAccountDependent;
import org.ottbalancer.operator.dependent.BalancerServiceDependent;
import org.ottbalancer.operator.dependent.ClusterContext;
import org.ottbalancer.operator.dependent.DrainTokenSecretDependent;
import org.ottbalancer.operator.dependent.MonolithDeploymentDependent;
import org.ottbalancer.operator.dependent.MonolithNetworkPolicyDependent;
import org.ottbalancer.operator.dependent.MonolithPodDisruptionBudgetDependent;
import org.ottbalancer.operator.dependent.MonolithServiceAccountDependent;
import org.ottbalancer.operator.dependent.NetworkPolicyEnabled;
import org.ottbalancer.operator.dependent.MonolithServiceDependent;
import org.ottbalancer.operator.dependent.RegistryConfigMapDependent;
import org.ottbalancer.operator.dependent.RegistryReaderRoleBindingDependent;
import org.ottbalancer.operator.dependent.RegistryReaderRoleDependent;
import org.ottbalancer.operator.dependent.StandardLabels;
import org.ottbalancer.operator.model.Defaults;
import org.ottbalancer.operator.model.OttCluster;
import org.ottbalancer.operator.model.OttClusterStatus;
import org.ottbalancer.operator.model.ResolvedCluster;
import org.ottbalancer.operator.model.SpecProblem;
import org.ottbalancer.operator.model.SpecValidator;
import org.ottbalancer.operator.status.RolloutState;
import org.ottbalancer.operator.status.StatusAggregator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reconciles an OttCluster: validates the spec, runs the dependent-resource workflow only for a
 * valid spec (explicit invocation, so an invalid edit leaves the running cluster alone), then
 * aggregates the status. The workflow does all creating and updating; this class only decides
 * whether it runs and reports what it sees.
 */
@ControllerConfiguration(name = OttClusterReconciler.NAME)
@Workflow(explicitInvocation = true, dependents = {
        @Dependent(name = "registry", type = RegistryConfigMapDependent.class),
        @Dependent(name = "drain-token", type = DrainTokenSecretDependent.class),
        @Dependent(name = "balancer-service-account", type = BalancerServiceAccountDependent.class),
        @Dependent(name = "registry-reader-role", type = RegistryReaderRoleDependent.class),
        @Dependent(name = "registry-reader-binding", type = RegistryReaderRoleBindingDependent.class,
                dependsOn = {"registry-reader-role", "balancer-service-account"}),
        @Dependent(name = "balancer-deployment", type = BalancerDeploymentDependent.class,
                dependsOn = {"registry", "registry-reader-binding"}),
        @Dependent(name = "balancer-service", type = BalancerServiceDependent.class),
        @Dependent(name = "balancer-pdb", type = BalancerPodDisruptionBudgetDependent.class),
        @Dependent(name = "balancer-network-policy", type = BalancerNetworkPolicyDependent.class,
                reconcilePrecondition = NetworkPolicyEnabled.class),
        @Dependent(name = "monolith-service-account", type = MonolithServiceAccountDependent.class),
        @Dependent(name = "monolith-deployment", type = MonolithDeploymentDependent.class,
                dependsOn = {"drain-token", "monolith-service-account"}),
        @Dependent(name = "monolith-service", type = MonolithServiceDependent.class),
        @Dependent(name = "monolith-pdb", type = MonolithPodDisruptionBudgetDependent.class),
        @Dependent(name = "monolith-network-policy", type = MonolithNetworkPolicyDependent.class,
                reconcilePrecondition = NetworkPolicyEnabled.class)
})
public class OttClusterReconciler implements Reconciler<OttCluster> {
    public static final String NAME = "ottcluster";
    private static final Logger LOG = LoggerFactory.getLogger(OttClusterReconciler.class);

    /** Name of the event source of the monolith pods. */
    public static final String PODS = "monolith-pods";
    /** Name of the event source through which agent reports trigger reconciliations. */
    public static final String AGENTS = "agent-reports";

    private final ComponentImages images;
    private final OperatorPods operatorPods;
    private final StatusAggregator statusAggregator;
    private final MonolithFleet fleet;
    private final AgentPoller poller;

    public OttClusterReconciler(ComponentImages images, OperatorPods operatorPods, StatusAggregator statusAggregator,
            MonolithFleet fleet, AgentPoller poller) {
        this.images = images;
        this.operatorPods = operatorPods;
        this.statusAggregator = statusAggregator;
        this.fleet = fleet;
        this.poller = poller;
    }

    /**
     * Besides the dependents' informers: the monolith pods (owned by ReplicaSets, so mapped to their
     * OttCluster by the instance label), and the agent poller, which triggers a reconciliation when an
     * agent's report or drain progress changes.
     */
    @Override
    public List<EventSource<?, OttCluster>> prepareEventSources(EventSourceContext<OttCluster> context) {
        InformerEventSource<Pod, OttCluster> pods = new InformerEventSource<>(
                InformerEventSourceConfiguration.from(Pod.class, OttCluster.class)
                        .withName(PODS)
                        .withLabelSelector(StandardLabels.MONOLITH_SELECTOR)
                        .withNamespacesInheritedFromController()
                        .withSecondaryToPrimaryMapper(pod -> {
                            Map<String, String> labels = pod.getMetadata().getLabels();
                            String instance = labels == null ? null : labels.get(StandardLabels.INSTANCE);
                            return instance == null ? Set.of()
                                    : Set.of(new ResourceID(instance, pod.getMetadata().getNamespace()));
                        })
                        .build(),
                context);
        SimpleInboundEventSource<OttCluster> agents = new SimpleInboundEventSource<>(AGENTS);
        poller.onChange(agents::propagateEvent);
        poller.dropWhenGone(id -> context.getPrimaryCache().get(id).isPresent());
        return List.of(pods, agents);
    }

    @Override
    public UpdateControl<OttCluster> reconcile(OttCluster cluster, Context<OttCluster> context) {
        List<SpecProblem> problems = SpecValidator.validate(cluster);
        Optional<MonolithFleet.Outcome> monoliths = Optional.empty();
        if (problems.stream().noneMatch(SpecProblem::blocking)) {
            ResolvedCluster resolved = ResolvedCluster.of(cluster, images);
            ClusterContext.put(context, resolved);
            ClusterContext.putOperatorPods(context, operatorPods);
            DrainPlan plan = fleet.prepare(cluster, resolved, context);
            // Throws when a dependent failed; updateErrorStatus reports it and the framework retries.
            context.managedWorkflowAndDependentResourceContext().reconcileManagedWorkflow();
            monoliths = Optional.of(fleet.complete(cluster, resolved, context, plan));
        }
        Optional<FleetStatus> fleetStatus = monoliths.map(m -> new FleetStatus(m.monoliths(), m.rooms(), m.users(),
                m.draining()));
        patchIfChanged(cluster, context, status(cluster, context, problems, Optional.empty(), fleetStatus));
        Optional<Duration> recheck = monoliths.flatMap(MonolithFleet.Outcome::recheckIn);
        return recheck.isPresent() ? UpdateControl.<OttCluster>noUpdate().rescheduleAfter(recheck.get())
                : UpdateControl.noUpdate();
    }

    @Override
    public ErrorStatusUpdateControl<OttCluster> updateErrorStatus(OttCluster cluster, Context<OttCluster> context,
            Exception e) {
        String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        LOG.warn("reconciliation of {}/{} failed, retrying: {}", cluster.getMetadata().getNamespace(),
                cluster.getMetadata().getName(), reason);
        try {
            patchIfChanged(cluster, context,
                    status(cluster, context, SpecValidator.validate(cluster), Optional.of(reason), Optional.empty()));
        } catch (RuntimeException statusFailure) {
            LOG.warn("cannot report the failed reconciliation of {}/{} in its status: {}",
                    cluster.getMetadata().getNamespace(), cluster.getMetadata().getName(), statusFailure.getMessage());
        }
        return ErrorStatusUpdateControl.noStatusUpdate();
    }

    private OttClusterStatus status(OttCluster cluster, Context<OttCluster> context, List<SpecProblem> problems,
            Optional<String> failure, Optional<FleetStatus> fleetStatus) {
        String name = cluster.getMetadata().getName();
        return statusAggregator.aggregate(cluster, problems,
                RolloutState.of(StandardLabels.BALANCER, deployment(context, StandardLabels.BALANCER),
                        desiredBalancers(cluster)),
                RolloutState.of(StandardLabels.MONOLITH, deployment(context, StandardLabels.MONOLITH),
                        monolithTarget(cluster, context)),
                StandardLabels.selectorString(name, StandardLabels.MONOLITH),
                failure, fleetStatus);
    }

    /**
     * Replaces the status subresource (PUT, optimistic locking, re-read and retried on a conflict) and
     * caches the result for the next reconciliation. The operator owns the whole status, so replacing
     * is right; a JSON Patch computed against a cached copy (the framework's non-SSA default) breaks
     * as soon as the cache lags behind the server, and merge patches are not implemented faithfully
     * by every API server emulation (the fabric8 mock appends to lists).
     */
    private static void patchIfChanged(OttCluster cluster, Context<OttCluster> context, OttClusterStatus status) {
        if (status.equals(cluster.getStatus())) {
            return;
        }
        PrimaryUpdateAndCacheUtils.updateStatusAndCacheResource(cluster, context, c -> {
            c.setStatus(status);
            return c;
        });
    }

    private static Optional<Deployment> deployment(Context<OttCluster> context, String component) {
        return context.getSecondaryResourcesAsStream(Deployment.class)
                .filter(d -> d.getMetadata().getLabels() != null
                        && component.equals(d.getMetadata().getLabels().get(StandardLabels.COMPONENT)))
                .findFirst();
    }

    /**
     * What the monolith rollout is measured against: the drain state machine's replica count while a
     * drain runs (the victims still count until they are gone), otherwise the spec's.
     */
    private static int monolithTarget(OttCluster cluster, Context<OttCluster> context) {
        try {
            return ClusterContext.monolithReplicas(context);
        } catch (RuntimeException notResolved) {
            return desiredMonoliths(cluster);
        }
    }

    private static int desiredMonoliths(OttCluster cluster) {
        Integer r = cluster.getSpec() == null || cluster.getSpec().getMonolith() == null
                ? null : cluster.getSpec().getMonolith().getReplicas();
        return r == null ? Defaults.MONOLITH_REPLICAS : r;
    }

    private static int desiredBalancers(OttCluster cluster) {
        Integer r = cluster.getSpec() == null || cluster.getSpec().getBalancer() == null
                ? null : cluster.getSpec().getBalancer().getReplicas();
        return r == null ? Defaults.BALANCER_REPLICAS : r;
    }
}
