package org.ottbalancer.operator.agents;

import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.ottbalancer.protocol.agent.DrainRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls every tracked monolith pod's agent, all of them concurrently, on its own timer thread and the
 * HTTP client's executor, and keeps the answers in memory for the reconciler to read. The reconciler
 * never waits for an agent: it tells the poller which pods to watch ({@link #track}), reads the latest
 * {@link #view}, and is triggered again through the listener whenever an observation changes.
 *
 * <p>A new pod (or one that starts draining) is polled at once, not at the next tick, so a scale-up
 * or a drain shows in the registry within one request's time. Requests to one agent never overlap:
 * a slow agent is skipped until its previous request ends (each times out after the request
 * timeout).
 */
public final class AgentPoller implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(AgentPoller.class);

    private final AgentClient client;
    private final Clock clock;
    private final ScheduledExecutorService timer;
    private final Map<ResourceID, Cluster> clusters = new ConcurrentHashMap<>();
    private volatile Consumer<ResourceID> listener = id -> { };
    private volatile Predicate<ResourceID> stillExists = id -> true;

    /** One cluster's targets and observations. Targets are replaced whole; observations per pod. */
    private static final class Cluster {
        volatile Map<String, AgentTarget> targets = Map.of();
        final Map<String, AgentObservation> observations = new ConcurrentHashMap<>();
        final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    }

    public AgentPoller(AgentClient client, Duration interval, Clock clock) {
        this.client = client;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "agent-poller");
            t.setDaemon(true);
            return t;
        });
        long period = interval.toMillis();
        timer.scheduleWithFixedDelay(this::pollAll, period, period, TimeUnit.MILLISECONDS);
    }

    /** Who to tell that a cluster's observations changed (the agent event source). */
    public void onChange(Consumer<ResourceID> listener) {
        this.listener = listener;
    }

    /** Lets the poller drop clusters that were deleted (they are never reconciled again to say so). */
    public void dropWhenGone(Predicate<ResourceID> stillExists) {
        this.stillExists = stillExists;
    }

    /**
     * Replaces the agents watched for a cluster. Pods not seen before, and pods that just started
     * draining, are polled right away; observations of pods no longer listed are forgotten.
     */
    public void track(ResourceID cluster, List<AgentTarget> targets) {
        Cluster c = clusters.computeIfAbsent(cluster, id -> new Cluster());
        Map<String, AgentTarget> previous = c.targets;
        Map<String, AgentTarget> next = new HashMap<>();
        for (AgentTarget t : targets) {
            next.put(t.pod(), t);
        }
        c.targets = Map.copyOf(next);
        c.observations.keySet().retainAll(next.keySet());
        List<AgentTarget> urgent = new ArrayList<>();
        for (AgentTarget t : next.values()) {
            AgentTarget before = previous.get(t.pod());
            if (before == null || !before.equals(t) && (t.watchDrain() || !before.api().equals(t.api()))) {
                urgent.add(t);
            }
        }
        if (!urgent.isEmpty()) {
            timer.execute(() -> urgent.forEach(t -> poll(cluster, c, t)));
        }
    }

    /** The latest observation of every tracked pod of a cluster (pods never answered yet map to {@link AgentObservation#NONE}). */
    public Map<String, AgentObservation> view(ResourceID cluster) {
        Cluster c = clusters.get(cluster);
        if (c == null) {
            return Map.of();
        }
        Map<String, AgentObservation> view = new HashMap<>();
        for (String pod : c.targets.keySet()) {
            view.put(pod, c.observations.getOrDefault(pod, AgentObservation.NONE));
        }
        return view;
    }

    /**
     * Asks an agent to drain, in the background; its answer (the drain's progress) or the failure is
     * recorded as the pod's drain observation and triggers a reconciliation.
     */
    public void requestDrain(ResourceID cluster, AgentTarget target, String token, DrainRequest request) {
        Cluster c = clusters.computeIfAbsent(cluster, id -> new Cluster());
        client.startDrain(target.api(), token, request).whenComplete((report, failure) -> {
            if (failure != null) {
                String why = describe(failure);
                LOG.warn("cluster {}: asking the agent of pod {} to drain failed: {}", cluster, target.pod(), why);
                apply(cluster, c, target, o -> o.withError("drain request: " + why));
            } else {
                apply(cluster, c, target, o -> o.withDrain(report));
            }
        });
    }

    /** Stops polling a cluster's agents. */
    public void forget(ResourceID cluster) {
        clusters.remove(cluster);
    }

    private void pollAll() {
        for (Map.Entry<ResourceID, Cluster> e : clusters.entrySet()) {
            if (!stillExists.test(e.getKey())) {
                clusters.remove(e.getKey());
                continue;
            }
            for (AgentTarget t : e.getValue().targets.values()) {
                poll(e.getKey(), e.getValue(), t);
            }
        }
    }

    private void poll(ResourceID cluster, Cluster c, AgentTarget target) {
        if (!c.inFlight.add(target.pod())) {
            return;
        }
        // Each answer becomes a change applied to the observation as it is when the answers are in,
        // so a drain answer that arrived meanwhile is not overwritten by an older copy.
        CompletableFuture<UnaryOperator<AgentObservation>> report = client.report(target.api())
                .handle((r, failure) -> failure == null
                        ? o -> o.withReport(r, clock.instant())
                        : o -> o.withError("report: " + describe(failure)));
        CompletableFuture<UnaryOperator<AgentObservation>> changes = !target.watchDrain() ? report
                : report.thenCompose(first -> client.drainProgress(target.api()).handle((d, failure) -> failure == null
                        ? o -> first.apply(o).withDrain(d)
                        : o -> first.apply(o).withError("drain progress: " + describe(failure))));
        changes.whenComplete((change, unexpected) -> {
            c.inFlight.remove(target.pod());
            if (change != null) {
                apply(cluster, c, target, change);
            }
        });
    }

    private void apply(ResourceID cluster, Cluster c, AgentTarget target, UnaryOperator<AgentObservation> change) {
        if (!c.targets.containsKey(target.pod())) {
            return;
        }
        AgentObservation[] beforeAfter = new AgentObservation[2];
        c.observations.compute(target.pod(), (pod, current) -> {
            beforeAfter[0] = current;
            beforeAfter[1] = change.apply(current == null ? AgentObservation.NONE : current);
            return beforeAfter[1];
        });
        AgentObservation before = beforeAfter[0];
        AgentObservation after = beforeAfter[1];
        if (before == null || after.differsFrom(before)) {
            if (after.error().isPresent() && (before == null || before.error().isEmpty())) {
                LOG.info("cluster {}: agent of pod {} at {} does not answer as expected: {}", cluster, target.pod(),
                        target.api(), after.error().get());
            }
            listener.accept(cluster);
        }
    }

    private static String describe(Throwable failure) {
        Throwable t = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        String m = t.getMessage();
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : m;
    }

    @Override
    public void close() {
        timer.shutdownNow();
        clusters.clear();
    }
}
