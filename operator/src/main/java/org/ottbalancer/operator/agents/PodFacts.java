package org.ottbalancer.operator.agents;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;

/** What the operator reads off a monolith Pod, null-safe, in one place. */
public final class PodFacts {
    private PodFacts() {
    }

    public static String name(Pod pod) {
        return pod.getMetadata().getName();
    }

    public static Optional<String> ip(Pod pod) {
        String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        return ip == null || ip.isBlank() ? Optional.empty() : Optional.of(ip);
    }

    /** The kubelet's Ready condition: every container, the agent sidecar included, passes its readiness probe. */
    public static boolean ready(Pod pod) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return false;
        }
        for (PodCondition c : pod.getStatus().getConditions()) {
            if ("Ready".equals(c.getType())) {
                return "True".equals(c.getStatus());
            }
        }
        return false;
    }

    /** Deletion has begun: the preStop drain runs and the pod goes away after it. */
    public static boolean terminating(Pod pod) {
        return pod.getMetadata().getDeletionTimestamp() != null;
    }

    public static Optional<String> annotation(Pod pod, String key) {
        Map<String, String> a = pod.getMetadata().getAnnotations();
        return a == null ? Optional.empty() : Optional.ofNullable(a.get(key));
    }

    public static Instant created(Pod pod) {
        String t = pod.getMetadata().getCreationTimestamp();
        try {
            return t == null ? Instant.EPOCH : Instant.parse(t);
        } catch (RuntimeException e) {
            return Instant.EPOCH;
        }
    }
}
