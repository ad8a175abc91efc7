package org.ottbalancer.operator.testing;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.Map;
import org.ottbalancer.operator.dependent.StandardLabels;

/**
 * Monolith pods as the Deployment controller and kubelet would make them; the mock API server runs
 * neither, so tests create, ready and delete pods themselves.
 */
public final class MonolithPods {
    private final KubernetesClient client;
    private final String namespace;
    private final String cluster;

    public MonolithPods(KubernetesClient client, String namespace, String cluster) {
        this.client = client;
        this.namespace = namespace;
        this.cluster = cluster;
    }

    /**
     * A running pod at {@code ip}, Ready or not. The mock sets the creation time itself (to the
     * second), whatever {@code created} says.
     */
    public Pod create(String name, String ip, boolean ready, Instant created) {
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(namespace)
                .withLabels(StandardLabels.podLabels(cluster, StandardLabels.MONOLITH, Map.of()))
                .withCreationTimestamp(created.toString())
                .endMetadata()
                .withNewSpec()
                .addNewContainer().withName("monolith").withImage("monolith:1").endContainer()
                .endSpec()
                .withNewStatus()
                .withPhase("Running")
                .withPodIP(ip)
                .addNewCondition().withType("Ready").withStatus(ready ? "True" : "False").endCondition()
                .endStatus()
                .build();
        return client.pods().inNamespace(namespace).resource(pod).create();
    }

    public Pod get(String name) {
        return client.pods().inNamespace(namespace).withName(name).get();
    }

    public String annotation(String pod, String key) {
        Pod p = get(pod);
        return p == null || p.getMetadata().getAnnotations() == null ? null : p.getMetadata().getAnnotations().get(key);
    }

    public void setReady(String name, boolean ready) {
        client.pods().inNamespace(namespace).withName(name).edit(p -> {
            p.getStatus().getConditions().forEach(c -> {
                if ("Ready".equals(c.getType())) {
                    c.setStatus(ready ? "True" : "False");
                }
            });
            return p;
        });
    }

    /**
     * Makes a pod terminating (its preStop runs), as a deletion with a grace period does: the mock keeps
     * a deleted object with a finalizer and sets its deletionTimestamp.
     */
    public void startTerminating(String name) {
        client.pods().inNamespace(namespace).withName(name).edit(p -> {
            p.getMetadata().setFinalizers(java.util.List.of(HOLD));
            return p;
        });
        client.pods().inNamespace(namespace).withName(name).delete();
    }

    /** Removes a pod, as the ReplicaSet controller does after a scale-down. */
    public void delete(String name) {
        Pod p = get(name);
        if (p != null && p.getMetadata().getFinalizers() != null && !p.getMetadata().getFinalizers().isEmpty()) {
            client.pods().inNamespace(namespace).withName(name).edit(x -> {
                x.getMetadata().setFinalizers(java.util.List.of());
                return x;
            });
        }
        client.pods().inNamespace(namespace).withName(name).delete();
    }

    private static final String HOLD = "test.ottbalancer.org/hold";
}
