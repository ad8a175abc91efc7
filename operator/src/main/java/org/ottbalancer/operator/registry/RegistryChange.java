package org.ottbalancer.operator.registry;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ottbalancer.protocol.registry.MonolithEntry;

/**
 * How much a new registry picture differs from the one published. Balancers act on membership and
 * state at once (a new monolith to link to, a draining one to stop placing rooms on), so those are
 * published immediately; load only steers placement, so small wobbles are not worth a ConfigMap write
 * and a watch event on every balancer.
 */
public enum RegistryChange {
    /** Nothing a balancer would act on. */
    NONE,
    /** Only loads moved, by more than the threshold for at least one monolith. */
    LOAD,
    /** A monolith appeared, disappeared, changed id, address or region, or changed state. */
    MEMBERSHIP_OR_STATE;

    /**
     * Loads below this are compared as if they were this, so a monolith going from 0.1 to 0.3 (20
     * messages a minute) is no change, while one going from 0 to 6 (a room and two users) is.
     */
    static final double LOAD_FLOOR = 5.0;

    /**
     * @param loadChange relative change of one monolith's load that is worth publishing (0.2 = 20 %)
     */
    public static RegistryChange between(List<MonolithEntry> published, List<MonolithEntry> candidate,
            double loadChange) {
        Map<String, MonolithEntry> before = byEndpoint(published);
        Map<String, MonolithEntry> after = byEndpoint(candidate);
        if (!before.keySet().equals(after.keySet())) {
            return MEMBERSHIP_OR_STATE;
        }
        boolean load = false;
        for (Map.Entry<String, MonolithEntry> e : after.entrySet()) {
            MonolithEntry a = e.getValue();
            MonolithEntry b = before.get(e.getKey());
            if (!Objects.equals(a.id(), b.id()) || !Objects.equals(a.pod(), b.pod())
                    || !Objects.equals(a.region(), b.region()) || a.state() != b.state()) {
                return MEMBERSHIP_OR_STATE;
            }
            load |= loadMoved(b.load(), a.load(), loadChange);
        }
        return load ? LOAD : NONE;
    }

    static boolean loadMoved(Double before, Double after, double loadChange) {
        if (before == null || after == null) {
            return before != after;
        }
        return Math.abs(after - before) > loadChange * Math.max(Math.abs(before), LOAD_FLOOR);
    }

    private static Map<String, MonolithEntry> byEndpoint(List<MonolithEntry> entries) {
        Map<String, MonolithEntry> m = new HashMap<>();
        for (MonolithEntry e : entries) {
            m.put(e.endpointKey(), e);
        }
        return m;
    }
}
