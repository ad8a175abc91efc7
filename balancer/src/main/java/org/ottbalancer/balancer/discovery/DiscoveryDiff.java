package org.ottbalancer.balancer.discovery;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.ottbalancer.protocol.registry.MonolithEntry;

/**
 * What changed between two complete monolith sets reported by a {@link Discoverer}.
 *
 * <p>A monolith's identity is its {@linkplain MonolithEntry#endpoint() endpoint}: the address the
 * balancer dials. An entry whose endpoint stays but whose other attributes (state, load, id,
 * region, pod) differ is <em>changed</em> rather than removed and re-added, so that a monolith
 * going into {@code draining} keeps its link and its rooms.
 *
 * @param added entries of the current set whose endpoint was not in the previous set
 * @param removed entries of the previous set whose endpoint is not in the current set
 * @param changed entries of the current set whose endpoint was present before with other attributes
 */
public record DiscoveryDiff(List<MonolithEntry> added, List<MonolithEntry> removed, List<MonolithEntry> changed) {

    public DiscoveryDiff {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changed = List.copyOf(changed);
    }

    /**
     * Compares two sets. Lists keep the order of the set they come from; if a set names an
     * endpoint twice, its first entry counts.
     */
    public static DiscoveryDiff between(Collection<MonolithEntry> previous, Collection<MonolithEntry> current) {
        Map<String, MonolithEntry> before = byEndpoint(previous);
        Map<String, MonolithEntry> after = byEndpoint(current);
        List<MonolithEntry> added = new ArrayList<>();
        List<MonolithEntry> changed = new ArrayList<>();
        for (Map.Entry<String, MonolithEntry> e : after.entrySet()) {
            MonolithEntry old = before.get(e.getKey());
            if (old == null) {
                added.add(e.getValue());
            } else if (!sameAttributes(old, e.getValue())) {
                changed.add(e.getValue());
            }
        }
        List<MonolithEntry> removed = new ArrayList<>();
        for (Map.Entry<String, MonolithEntry> e : before.entrySet()) {
            if (!after.containsKey(e.getKey())) {
                removed.add(e.getValue());
            }
        }
        return new DiscoveryDiff(added, removed, changed);
    }

    /** True when both sets contain the same monoliths with the same attributes. */
    public boolean isEmpty() {
        return added.isEmpty() && removed.isEmpty() && changed.isEmpty();
    }

    private static Map<String, MonolithEntry> byEndpoint(Collection<MonolithEntry> entries) {
        Map<String, MonolithEntry> map = new LinkedHashMap<>();
        for (MonolithEntry entry : entries) {
            map.putIfAbsent(entry.endpoint(), entry);
        }
        return map;
    }

    // Host spelling is not compared: "::1" and "[::1]" name the same endpoint and are not a change.
    private static boolean sameAttributes(MonolithEntry a, MonolithEntry b) {
        return a.state() == b.state()
                && Objects.equals(a.load(), b.load())
                && Objects.equals(a.id(), b.id())
                && Objects.equals(a.region(), b.region())
                && Objects.equals(a.pod(), b.pod());
    }
}
