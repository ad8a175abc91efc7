package org.ottbalancer.operator.reconciler;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.UnaryOperator;
import org.ottbalancer.operator.agents.AgentEndpoints;
import org.ottbalancer.operator.agents.AgentObservation;
import org.ottbalancer.operator.agents.AgentPoller;
import org.ottbalancer.operator.agents.AgentTarget;
import org.ottbalancer.operator.agents.PodFacts;
import org.ottbalancer.operator.config.ControlLoopSettings;
import org.ottbalancer.operator.dependent.ClusterContext;
import org.ottbalancer.operator.dependent.DrainTokenSecretDependent;
import org.ottbalancer.operator.dependent.StandardLabels;
import org.ottbalancer.operator.drain.DrainAnnotations;
import org.ottbalancer.operator.drain.DrainOutcome;
import org.ottbalancer.operator.drain.DrainPlan;
import org.ottbalancer.operator.drain.DrainPlanner;
import org.ottbalancer.operator.model.MonolithStatus;
import org.ottbalancer.operator.model.OttCluster;
import org.ottbalancer.operator.model.ResolvedCluster;
import org.ottbalancer.operator.registry.MonolithView;
import org.ottbalancer.operator.registry.RegistryPicture;
import org.ottbalancer.operator.registry.RegistryPublisher;
import org.ottbalancer.protocol.agent.DrainRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monolith pods' side of a reconciliation: drains on scale-down, the registry, and the
 * per-monolith status. Split around the dependent workflow: {@link #prepare} decides the drain plan
 * (the monolith Deployment's replica count depends on it), {@link #complete} publishes and acts on it
 * once the workflow has made sure the registry ConfigMap and the Deployment exist.
 *
 * <p>Nothing here waits for an agent: reports come from the {@link AgentPoller}'s memory, drain
 * requests go out in the background and their answers trigger the next reconciliation.
 */
public final class MonolithFleet {
    private static final Logger LOG = LoggerFactory.getLogger(MonolithFleet.class);
    /** Longer than the longest drain deadline the spec allows. */
    private static final Duration FORGET_DRAIN_CALLS_AFTER = Duration.ofHours(25);

    private final KubernetesClient client;
    private final AgentPoller poller;
    private final AgentEndpoints endpoints;
    private final RegistryPublisher registry;
    private final ClusterEvents events;
    private final Clock clock;
    private final ControlLoopSettings loops;
    /** Drain requests sent by this process, by namespace/pod: not repeated before an answer could arrive. */
    private final Map<String, Instant> drainCalls = new ConcurrentHashMap<>();
    /** When each cluster's status.monoliths was last refreshed. */
    private final Map<ResourceID, Instant> mirrored = new ConcurrentHashMap<>();

    /**
     * What the status should show about the monoliths.
     *
     * @param monoliths per-pod entries (null: keep what the status has)
     * @param rooms rooms across them
     * @param users users across them
     * @param draining the Draining condition
     * @param recheckIn when to reconcile again even if nothing happens meanwhile
     */
    public record Outcome(List<MonolithStatus> monoliths, Integer rooms, Integer users,
            org.ottbalancer.operator.status.ConditionUpdate draining, Optional<Duration> recheckIn) {
    }

    public MonolithFleet(KubernetesClient client, AgentPoller poller, AgentEndpoints endpoints,
            RegistryPublisher registry, ClusterEvents events, Clock clock, ControlLoopSettings loops) {
        this.client = client;
        this.poller = poller;
        this.endpoints = endpoints;
        this.registry = registry;
        this.events = events;
        this.clock = clock;
        this.loops = loops;
    }

    /** Decides the drain plan, marks new victims on their pods and sets the monolith Deployment's replicas. */
    public DrainPlan prepare(OttCluster cluster, ResolvedCluster resolved, Context<OttCluster> context) {
        ResourceID id = ResourceID.fromResource(cluster);
        Duration margin = loops.agentPollInterval().multipliedBy(2).plus(loops.agentRequestTimeout());
        DrainPlan plan = DrainPlanner.plan(resolved, monolithDeployment(context), pods(context), poller.view(id),
                clock.instant(), margin, loops.drainedPodGrace());
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        for (Pod victim : plan.newVictims()) {
            LOG.info("cluster {}: monolith replicas {} -> draining pod {} ({})", id, resolved.monolith().replicas(),
                    PodFacts.name(victim), resolved.drain().victimPolicy());
            annotate(victim, a -> {
                a.put(DrainAnnotations.DRAINING_SINCE, now);
                return a;
            });
        }
        ClusterContext.putMonolithReplicas(context, plan.desiredReplicas());
        return plan;
    }

    /** Publishes the registry, asks agents to drain, releases drained victims, and reports the status picture. */
    public Outcome complete(OttCluster cluster, ResolvedCluster resolved, Context<OttCluster> context, DrainPlan plan) {
        ResourceID id = ResourceID.fromResource(cluster);
        List<Pod> pods = pods(context);
        Map<String, URI> apis = new HashMap<>();
        List<AgentTarget> targets = new ArrayList<>();
        for (Pod pod : pods) {
            Optional<URI> api = endpoints.api(pod, resolved);
            if (api.isPresent()) {
                apis.put(PodFacts.name(pod), api.get());
                targets.add(new AgentTarget(PodFacts.name(pod), api.get(),
                        plan.draining().contains(PodFacts.name(pod))));
            }
        }
        poller.track(id, targets);
        Map<String, AgentObservation> observations = poller.view(id);

        List<MonolithView> views = RegistryPicture.of(resolved, pods, observations, plan.draining());
        Optional<ConfigMap> configMap = context.getSecondaryResource(ConfigMap.class);
        List<Duration> recheck = new ArrayList<>();
        boolean written;
        if (configMap.isPresent() && RegistryPicture.awaitsFirstReports(pods, observations)) {
            // Keep the published document until every serving pod's agent has answered once.
            written = false;
            recheck.add(loops.agentPollInterval());
        } else {
            RegistryPublisher.Outcome published = registry.publish(id, configMap, RegistryPicture.entries(views));
            written = published.written();
            published.retryIn().ifPresent(recheck::add);
        }
        if (configMap.isEmpty() || plan.inProgress()) {
            recheck.add(loops.agentPollInterval());
        }

        callAgents(id, plan, apis, drainToken(context), observations);
        release(cluster, plan);
        for (Pod stray : plan.strays()) {
            LOG.warn("cluster {}: drained pod {} outlived the replica decrease meant to remove it; deleting it", id,
                    PodFacts.name(stray));
            client.pods().inNamespace(stray.getMetadata().getNamespace()).withName(PodFacts.name(stray)).delete();
        }
        // Pruned by age: a victim keeps its name until it is gone, and names are not reused soon.
        Instant forgetBefore = clock.instant().minus(FORGET_DRAIN_CALLS_AFTER);
        drainCalls.values().removeIf(t -> t.isBefore(forgetBefore));

        Mirror mirror = mirror(id, cluster, views, written);
        mirror.retryIn.ifPresent(recheck::add);
        return new Outcome(mirror.monoliths, mirror.rooms, mirror.users, plan.condition(),
                recheck.stream().min(Duration::compareTo));
    }

    /**
     * Sends the drain requests the plan asks for. This process asks each victim once; it asks again
     * only when, a while later, the agent says it is idle (it restarted and forgot) or the request
     * failed. A repeated request must not reach an agent that finished meanwhile: it would start a
     * new drain.
     */
    private void callAgents(ResourceID id, DrainPlan plan, Map<String, URI> apis, Optional<String> token,
            Map<String, AgentObservation> observations) {
        Instant now = clock.instant();
        Duration retry = loops.agentPollInterval().plus(loops.agentRequestTimeout()).multipliedBy(2);
        for (DrainPlan.DrainCall call : plan.drainCalls()) {
            String pod = PodFacts.name(call.pod());
            URI api = apis.get(pod);
            if (api == null) {
                continue;
            }
            if (token.isEmpty()) {
                LOG.warn("cluster {}: cannot ask pod {} to drain: the drain-token Secret has no token yet", id, pod);
                continue;
            }
            String key = call.pod().getMetadata().getNamespace() + "/" + pod;
            Instant last = drainCalls.get(key);
            AgentObservation o = observations.getOrDefault(pod, AgentObservation.NONE);
            boolean agentForgot = o.drain().map(d -> d.phase().equals("idle")).orElse(false) || o.error().isPresent();
            if (last != null && (last.plus(retry).isAfter(now) || !agentForgot)) {
                continue;
            }
            drainCalls.put(key, now);
            LOG.info("cluster {}: asking the agent of pod {} to drain within {}s", id, pod,
                    Math.round(call.deadlineSeconds()));
            poller.requestDrain(id, new AgentTarget(pod, api, true), token.get(),
                    new DrainRequest(call.deadlineSeconds(), null, null));
        }
    }

    private void release(OttCluster cluster, DrainPlan plan) {
        String now = clock.instant().truncatedTo(ChronoUnit.SECONDS).toString();
        for (DrainPlan.Release r : plan.releases()) {
            r.warning().ifPresent(w -> events.warning(cluster,
                    r.outcome() == DrainOutcome.FAILED ? "DrainFailed" : "DrainDeadlineExceeded", w));
            LOG.info("cluster {}/{}: drain of pod {} ended ({}); lowest deletion cost set",
                    cluster.getMetadata().getNamespace(), cluster.getMetadata().getName(), PodFacts.name(r.pod()),
                    r.outcome().annotation());
            annotate(r.pod(), a -> {
                a.put(DrainAnnotations.DELETION_COST, DrainAnnotations.LOWEST_COST);
                a.put(DrainAnnotations.OUTCOME, r.outcome().annotation());
                a.put(DrainAnnotations.DRAINED_AT, now);
                return a;
            });
        }
    }

    private void annotate(Pod pod, UnaryOperator<Map<String, String>> change) {
        try {
            client.pods().inNamespace(pod.getMetadata().getNamespace()).withName(PodFacts.name(pod)).edit(p -> {
                Map<String, String> a = p.getMetadata().getAnnotations() == null ? new HashMap<>()
                        : new HashMap<>(p.getMetadata().getAnnotations());
                p.getMetadata().setAnnotations(change.apply(a));
                return p;
            });
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                throw e;
            }
            LOG.info("pod {} disappeared before it could be annotated", PodFacts.name(pod));
        }
    }

    private record Mirror(List<MonolithStatus> monoliths, Integer rooms, Integer users, Optional<Duration> retryIn) {
    }

    /**
     * status.monoliths follows the registry: refreshed whenever the registry is written, and when a
     * monolith's membership, state, rooms or users changed, the latter at most once per minimum write
     * interval. Load wobbles and report timestamps alone never rewrite the status.
     */
    private Mirror mirror(ResourceID id, OttCluster cluster, List<MonolithView> views, boolean registryWritten) {
        List<MonolithStatus> candidate = views.stream().map(MonolithView::status).toList();
        List<MonolithStatus> previous = cluster.getStatus() == null ? null : cluster.getStatus().getMonoliths();
        Instant now = clock.instant();
        boolean refresh = registryWritten || previous == null;
        Optional<Duration> retryIn = Optional.empty();
        if (!refresh && !Objects.equals(signature(previous, true), signature(candidate, true))) {
            if (!Objects.equals(signature(previous, false), signature(candidate, false))) {
                refresh = true;
            } else {
                Duration since = Duration.between(mirrored.getOrDefault(id, Instant.EPOCH), now);
                refresh = since.compareTo(loops.registryMinWriteInterval()) >= 0;
                if (!refresh) {
                    retryIn = Optional.of(loops.registryMinWriteInterval().minus(since));
                }
            }
        }
        List<MonolithStatus> shown = refresh ? candidate : previous;
        if (refresh) {
            mirrored.put(id, now);
        }
        int rooms = 0;
        int users = 0;
        for (MonolithStatus m : shown) {
            rooms += m.getRooms() == null ? 0 : m.getRooms();
            users += m.getUsers() == null ? 0 : m.getUsers();
        }
        return new Mirror(shown, rooms, users, retryIn);
    }

    private static List<List<Object>> signature(List<MonolithStatus> monoliths, boolean withCounts) {
        List<List<Object>> sig = new ArrayList<>();
        for (MonolithStatus m : monoliths) {
            sig.add(withCounts ? java.util.Arrays.asList(m.getPod(), m.getId(), m.getState(), m.getRooms(), m.getUsers())
                    : java.util.Arrays.asList(m.getPod(), m.getId(), m.getState()));
        }
        return sig;
    }

    private static List<Pod> pods(Context<OttCluster> context) {
        return new ArrayList<>(context.getSecondaryResources(Pod.class));
    }

    static Optional<Deployment> monolithDeployment(Context<OttCluster> context) {
        return context.getSecondaryResourcesAsStream(Deployment.class)
                .filter(d -> d.getMetadata().getLabels() != null
                        && StandardLabels.MONOLITH.equals(d.getMetadata().getLabels().get(StandardLabels.COMPONENT)))
                .findFirst();
    }

    private static Optional<String> drainToken(Context<OttCluster> context) {
        return context.getSecondaryResource(Secret.class)
                .map(s -> s.getData() == null ? null : s.getData().get(DrainTokenSecretDependent.KEY))
                .map(b64 -> new String(Base64.getDecoder().decode(b64), StandardCharsets.US_ASCII).trim())
                .filter(t -> !t.isEmpty());
    }
}
