package org.ottbalancer.e2e.kube.workload;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The node: every pod in the API gets a {@link PodProcess}. A deleted pod (deletion timestamp set,
 * held back by the kubelet's finalizer) is stopped gracefully; a pod that disappears outright is
 * stopped at once.
 */
public final class Kubelet implements AutoCloseable {
    private final KubeletContext ctx;
    private final Map<String, PodProcess> pods = new ConcurrentHashMap<>();

    public Kubelet(KubeletContext ctx) {
        this.ctx = ctx;
    }

    public void sync(List<Pod> current) {
        Set<String> seen = new HashSet<>();
        for (Pod pod : current) {
            String uid = pod.getMetadata().getUid();
            seen.add(uid);
            PodProcess p = pods.get(uid);
            boolean deleted = pod.getMetadata().getDeletionTimestamp() != null;
            if (p == null) {
                if (deleted) {
                    release(pod);
                    continue;
                }
                if (pod.getMetadata().getFinalizers() == null || !pod.getMetadata().getFinalizers().contains(PodProcess.FINALIZER)) {
                    // A pod made by someone else (kubectl run, a test): the kubelet needs its finalizer
                    // to see a deletion before the object is gone.
                    adopt(pod);
                }
                p = new PodProcess(ctx, pod);
                pods.put(uid, p);
                p.start();
            } else if (deleted) {
                p.terminate();
            }
        }
        for (Map.Entry<String, PodProcess> e : new ArrayList<>(pods.entrySet())) {
            if (!seen.contains(e.getKey())) {
                e.getValue().forget();
            }
            if (e.getValue().finished().isDone()) {
                pods.remove(e.getKey());
            }
        }
    }

    private void adopt(Pod pod) {
        List<String> finalizers = new ArrayList<>(pod.getMetadata().getFinalizers() == null ? List.of() : pod.getMetadata().getFinalizers());
        finalizers.add(PodProcess.FINALIZER);
        try {
            ctx.client().pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":"
                            + io.fabric8.kubernetes.client.utils.Serialization.asJson(finalizers) + "}}");
        } catch (KubernetesClientException e) {
            System.out.printf("[kube] cannot add the kubelet finalizer to pod %s: %s%n", pod.getMetadata().getName(), e.getMessage());
        }
    }

    private void release(Pod pod) {
        try {
            ctx.client().pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
        } catch (KubernetesClientException e) {
            // already gone
        }
    }

    /** The running pod of that name, if this node runs it. */
    public Optional<PodProcess> pod(String name) {
        return pods.values().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    public List<PodProcess> pods() {
        return List.copyOf(pods.values());
    }

    @Override
    public void close() {
        for (PodProcess p : pods.values()) {
            p.forget();
        }
        for (PodProcess p : pods.values()) {
            try {
                p.finished().get(10, java.util.concurrent.TimeUnit.SECONDS);
            } catch (Exception e) {
                // killed below
            }
        }
        ChildProcesses.killAll();
    }
}
