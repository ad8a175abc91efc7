package org.ottbalancer.operator.registry;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.ottbalancer.operator.agents.AgentObservation;
import org.ottbalancer.operator.agents.PodFacts;
import org.ottbalancer.operator.model.ResolvedCluster;
import org.ottbalancer.protocol.agent.AgentReport;
import org.ottbalancer.protocol.registry.MonolithEntry;
import org.ottbalancer.protocol.registry.MonolithState;

/**
 * Decides which monolith pods the registry lists, and in which state.
 *
 * <ul>
 *   <li>A Ready pod is listed; {@code draining} if the operator drains it, its agent says it drains,
 *       or it is terminating; {@code active} otherwise. A Ready pod whose agent was asked but does not
 *       answer is listed too (Kubernetes says it serves; the agent sidecar's own readiness probe is
 *       part of that), without id or load. A pod whose agent has not been asked yet waits for that
 *       first answer (one request's time), so a new monolith is published once, complete.</li>
 *   <li>A pod that is not Ready, or is terminating, is <b>never active</b>. It stays listed as
 *       {@code draining} while its last report says it still holds rooms, because balancers need the
 *       link to reach those rooms' clients until the rooms have moved (a terminating pod runs its
 *       preStop drain); once empty, or never reported, it is left out.</li>
 *   <li>A pod without an IP cannot be dialled and is left out.</li>
 * </ul>
 *
 * <p>A picture with a serving pod left out only because its agent was not asked yet is incomplete
 * ({@link #awaitsFirstReports}); the publisher keeps the document it wrote before instead. Right after
 * the operator starts that is every pod, and balancers follow every write: an empty document would
 * drop every monolith link for a moment.
 */
public final class RegistryPicture {
    private RegistryPicture() {
    }

    /**
     * @param draining pods the operator drains (its victims)
     */
    public static List<MonolithView> of(ResolvedCluster cluster, Iterable<Pod> pods,
            Map<String, AgentObservation> observations, Set<String> draining) {
        List<MonolithView> views = new ArrayList<>();
        Set<String> endpoints = new HashSet<>();
        for (Pod pod : pods) {
            String name = PodFacts.name(pod);
            Optional<String> ip = PodFacts.ip(pod);
            if (ip.isEmpty()) {
                continue;
            }
            AgentObservation o = observations.getOrDefault(name, AgentObservation.NONE);
            if (o.equals(AgentObservation.NONE)) {
                continue;
            }
            Optional<AgentReport> report = o.report();
            boolean serving = PodFacts.ready(pod) && !PodFacts.terminating(pod);
            boolean holdsRooms = report.map(r -> r.rooms() > 0).orElse(false);
            if (!serving && !holdsRooms) {
                continue;
            }
            boolean drains = !serving || draining.contains(name)
                    || report.map(r -> r.state() == MonolithState.DRAINING).orElse(false);
            MonolithView v = new MonolithView(name,
                    report.map(AgentReport::monolithId),
                    ip.get(),
                    cluster.agent().linkPort(),
                    report.map(AgentReport::region).or(cluster.monolith()::region),
                    drains ? MonolithState.DRAINING : MonolithState.ACTIVE,
                    report.map(AgentReport::rooms),
                    report.map(AgentReport::users),
                    report.flatMap(r -> Double.isFinite(r.load()) ? Optional.of(Math.max(0, r.load())) : Optional.empty()),
                    o.reportAt());
            // Two pods on one address would make balancers reject the whole document.
            if (endpoints.add(v.entry().endpointKey())) {
                views.add(v);
            }
        }
        views.sort(Comparator.comparing(MonolithView::pod));
        return views;
    }

    /** Whether a pod that would be listed as serving has no agent observation yet. */
    public static boolean awaitsFirstReports(Iterable<Pod> pods, Map<String, AgentObservation> observations) {
        for (Pod pod : pods) {
            boolean serving = PodFacts.ready(pod) && !PodFacts.terminating(pod) && PodFacts.ip(pod).isPresent();
            if (serving && observations.getOrDefault(PodFacts.name(pod), AgentObservation.NONE).equals(AgentObservation.NONE)) {
                return true;
            }
        }
        return false;
    }

    public static List<MonolithEntry> entries(List<MonolithView> views) {
        return views.stream().map(MonolithView::entry).toList();
    }
}
