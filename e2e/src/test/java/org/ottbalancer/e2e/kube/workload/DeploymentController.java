package org.ottbalancer.e2e.kube.workload;

import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentConditionBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The Deployment and ReplicaSet controllers in one: keeps {@code spec.replicas} pods of each
 * Deployment's current template (told apart by a {@code pod-template-hash} label, as ReplicaSets do;
 * no ReplicaSet objects are written), rolls a changed template with the Deployment's
 * {@code maxSurge}/{@code maxUnavailable}, and reports replicas, updated, ready and available pods
 * in the Deployment's status.
 *
 * <p>Scale-down deletes pods in the ReplicaSet controller's order: not yet running, then not Ready,
 * then the lowest {@code controller.kubernetes.io/pod-deletion-cost}, then the newest. Deleting only
 * marks a pod (the kubelet's finalizer holds it) so its preStop hook and grace period run.
 */
public final class DeploymentController {
    static final String HASH_LABEL = "pod-template-hash";
    static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

    private final KubernetesClient client;
    private final Map<String, String> lastStatus = new HashMap<>();

    public DeploymentController(KubernetesClient client) {
        this.client = client;
    }

    public void sync(List<Deployment> deployments, List<Pod> pods) {
        for (Deployment d : deployments) {
            if (d.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            try {
                reconcile(d, owned(d, pods));
            } catch (KubernetesClientException e) {
                System.out.printf("[kube] deployment %s: %s%n", d.getMetadata().getName(), e.getMessage());
            }
        }
    }

    private static List<Pod> owned(Deployment d, List<Pod> pods) {
        List<Pod> out = new ArrayList<>();
        for (Pod p : pods) {
            if (p.getMetadata().getOwnerReferences() != null && p.getMetadata().getOwnerReferences().stream()
                    .anyMatch(o -> d.getMetadata().getUid().equals(o.getUid()))) {
                out.add(p);
            }
        }
        return out;
    }

    private void reconcile(Deployment d, List<Pod> all) {
        String hash = templateHash(d.getSpec().getTemplate());
        List<Pod> live = all.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
        List<Pod> current = live.stream().filter(p -> hash.equals(label(p, HASH_LABEL))).toList();
        List<Pod> old = live.stream().filter(p -> !hash.equals(label(p, HASH_LABEL))).toList();
        int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        int ready = (int) live.stream().filter(DeploymentController::ready).count();
        if (old.isEmpty()) {
            for (int i = live.size(); i < desired; i++) {
                create(d, hash);
            }
            if (live.size() > desired) {
                deleteInOrder(live, live.size() - desired);
            }
        } else {
            int maxSurge = intOr(d, true, 1);
            int maxUnavailable = intOr(d, false, 0);
            int room = desired + maxSurge - live.size();
            for (int i = 0; i < Math.min(room, desired - current.size()); i++) {
                create(d, hash);
            }
            // Old pods that are not Ready serve nobody: always removable. Ready ones only while
            // enough pods stay Ready.
            List<Pod> oldNotReady = old.stream().filter(p -> !ready(p)).toList();
            int removable = oldNotReady.size() + Math.max(0, ready - (desired - maxUnavailable));
            if (current.size() > desired) {
                deleteInOrder(current, current.size() - desired);
            }
            deleteInOrder(old, Math.min(removable, old.size()));
        }
        publishStatus(d, live.size(), current.size(), ready);
    }

    private static int intOr(Deployment d, boolean surge, int fallback) {
        var s = d.getSpec().getStrategy();
        if (s == null || s.getRollingUpdate() == null) {
            return fallback;
        }
        var v = surge ? s.getRollingUpdate().getMaxSurge() : s.getRollingUpdate().getMaxUnavailable();
        return v == null || v.getIntVal() == null ? fallback : v.getIntVal();
    }

    private void create(Deployment d, String hash) {
        PodTemplateSpec t = d.getSpec().getTemplate();
        Map<String, String> labels = new LinkedHashMap<>(t.getMetadata() == null || t.getMetadata().getLabels() == null
                ? Map.of() : t.getMetadata().getLabels());
        labels.put(HASH_LABEL, hash);
        String name = d.getMetadata().getName() + "-" + hash + "-" + suffix();
        Pod pod = new PodBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(d.getMetadata().getNamespace())
                .withLabels(labels)
                .withAnnotations(t.getMetadata() == null ? null : t.getMetadata().getAnnotations())
                .withFinalizers(PodProcess.FINALIZER)
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("apps/v1").withKind("Deployment")
                        .withName(d.getMetadata().getName()).withUid(d.getMetadata().getUid()).withController(true)
                        .withBlockOwnerDeletion(true).build())
                .endMetadata()
                .withSpec(t.getSpec())
                .withNewStatus().withPhase("Pending").endStatus()
                .build();
        client.pods().inNamespace(d.getMetadata().getNamespace()).resource(pod).create();
    }

    private void deleteInOrder(List<Pod> pods, int count) {
        List<Pod> order = new ArrayList<>(pods);
        order.sort(Comparator.comparingInt((Pod p) -> p.getStatus() != null && p.getStatus().getPodIP() != null ? 1 : 0)
                .thenComparingInt(p -> ready(p) ? 1 : 0)
                .thenComparingInt(DeploymentController::deletionCost)
                .thenComparing((Pod p) -> p.getMetadata().getCreationTimestamp() == null ? "" : p.getMetadata().getCreationTimestamp(),
                        Comparator.reverseOrder()));
        for (Pod p : order.subList(0, Math.min(count, order.size()))) {
            System.out.printf("[kube] deployment controller deletes pod %s (deletion cost %d)%n", p.getMetadata().getName(),
                    deletionCost(p));
            client.pods().inNamespace(p.getMetadata().getNamespace()).withName(p.getMetadata().getName()).delete();
        }
    }

    private void publishStatus(Deployment d, int replicas, int updated, int ready) {
        long generation = d.getMetadata().getGeneration() == null ? 1 : d.getMetadata().getGeneration();
        int desired = d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas();
        boolean complete = updated == desired && replicas == desired && ready >= desired;
        DeploymentCondition available = new DeploymentConditionBuilder().withType("Available")
                .withStatus(ready >= desired - intOr(d, false, 0) ? "True" : "False")
                .withReason(ready >= desired ? "MinimumReplicasAvailable" : "MinimumReplicasUnavailable").build();
        DeploymentCondition progressing = new DeploymentConditionBuilder().withType("Progressing").withStatus("True")
                .withReason(complete ? "NewReplicaSetAvailable" : "ReplicaSetUpdated").build();
        DeploymentStatus status = new DeploymentStatusBuilder().withObservedGeneration(generation).withReplicas(replicas)
                .withUpdatedReplicas(updated).withReadyReplicas(ready).withAvailableReplicas(ready)
                .withUnavailableReplicas(Math.max(0, desired - ready)).withConditions(available, progressing).build();
        // Whole-status JSON patch: the mock's merge patch appends to lists (conditions) instead of replacing them.
        String json = "[{\"op\":\"add\",\"path\":\"/status\",\"value\":" + Serialization.asJson(status) + "}]";
        String key = d.getMetadata().getNamespace() + "/" + d.getMetadata().getName() + "/" + d.getMetadata().getUid();
        if (json.equals(lastStatus.get(key))) {
            return;
        }
        client.apps().deployments().inNamespace(d.getMetadata().getNamespace()).withName(d.getMetadata().getName())
                .subresource("status").patch(PatchContext.of(PatchType.JSON), json);
        lastStatus.put(key, json);
    }

    static boolean ready(Pod p) {
        return p.getStatus() != null && p.getStatus().getConditions() != null && p.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static int deletionCost(Pod p) {
        String v = p.getMetadata().getAnnotations() == null ? null : p.getMetadata().getAnnotations().get(DELETION_COST);
        try {
            return v == null ? 0 : Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static String label(Pod p, String key) {
        return p.getMetadata().getLabels() == null ? null : p.getMetadata().getLabels().get(key);
    }

    static String templateHash(PodTemplateSpec template) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Serialization.asJson(template).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 5);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String suffix() {
        String alphabet = "bcdfghjklmnpqrstvwxz2456789";
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 5; i++) {
            sb.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return sb.toString();
    }
}
