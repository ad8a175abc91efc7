package org.ottbalancer.e2e.kube.workload;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The garbage collector the mock API server lacks: an object whose owners (by {@code ownerReferences}
 * uid) no longer exist is deleted, in the background, so deleting an OttCluster removes its
 * Deployments, Services, ConfigMap, Secret, RBAC objects and PodDisruptionBudgets, and deleting a
 * Deployment removes its pods (gracefully: the kubelet's finalizer holds each pod for its
 * preStop hook). Dependents are listed before owners, and an object must look orphaned twice in a
 * row, so an owner and its dependent created between two lists are never mistaken for an orphan.
 */
public final class GarbageCollector {
    private final KubernetesClient client;
    private final String ownerApiVersion;
    private final String ownerKind;
    private Set<String> suspects = Set.of();

    /** @param ownerApiVersion the custom resource whose objects are collected too (the OttCluster) */
    public GarbageCollector(KubernetesClient client, String ownerApiVersion, String ownerKind) {
        this.client = client;
        this.ownerApiVersion = ownerApiVersion;
        this.ownerKind = ownerKind;
    }

    public void sync(String namespace) {
        List<HasMetadata> dependents = new ArrayList<>();
        dependents.addAll(client.apps().deployments().inNamespace(namespace).list().getItems());
        dependents.addAll(client.services().inNamespace(namespace).list().getItems());
        dependents.addAll(client.configMaps().inNamespace(namespace).list().getItems());
        dependents.addAll(client.secrets().inNamespace(namespace).list().getItems());
        dependents.addAll(client.serviceAccounts().inNamespace(namespace).list().getItems());
        dependents.addAll(client.rbac().roles().inNamespace(namespace).list().getItems());
        dependents.addAll(client.rbac().roleBindings().inNamespace(namespace).list().getItems());
        dependents.addAll(client.policy().v1().podDisruptionBudget().inNamespace(namespace).list().getItems());
        dependents.addAll(client.pods().inNamespace(namespace).list().getItems());
        Set<String> alive = new HashSet<>();
        for (HasMetadata o : dependents) {
            alive.add(o.getMetadata().getUid());
        }
        try {
            for (HasMetadata o : client.genericKubernetesResources(ownerApiVersion, ownerKind).inNamespace(namespace).list().getItems()) {
                alive.add(o.getMetadata().getUid());
            }
        } catch (KubernetesClientException e) {
            // the CRD is not installed (yet): none of its objects exist
        }
        Set<String> orphans = new HashSet<>();
        for (HasMetadata o : dependents) {
            List<OwnerReference> owners = o.getMetadata().getOwnerReferences();
            if (owners == null || owners.isEmpty() || o.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            if (owners.stream().noneMatch(r -> alive.contains(r.getUid()))) {
                String uid = o.getMetadata().getUid();
                orphans.add(uid);
                if (suspects.contains(uid)) {
                    System.out.printf("[kube] garbage collector deletes %s %s (owner gone)%n", o.getKind(), o.getMetadata().getName());
                    try {
                        client.resource(o).inNamespace(namespace).delete();
                    } catch (KubernetesClientException e) {
                        // gone already
                    }
                }
            }
        }
        suspects = orphans;
    }
}
