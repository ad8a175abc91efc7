package org.ottbalancer.operator.testing;

import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import org.ottbalancer.operator.model.MonolithSpec;
import org.ottbalancer.operator.model.OttCluster;
import org.ottbalancer.operator.model.OttClusterSpec;

/** OttClusters for tests. */
public final class Clusters {
    private Clusters() {
    }

    /** A cluster with {@code spec: {}}. */
    public static OttCluster empty(String namespace, String name) {
        OttCluster c = new OttCluster();
        c.setMetadata(new ObjectMetaBuilder().withName(name).withNamespace(namespace).build());
        c.setSpec(new OttClusterSpec());
        return c;
    }

    /**
     * Changes a cluster's spec as a person would, retrying when the operator's status write got in
     * between the read and the write (409 Conflict).
     */
    public static OttCluster edit(io.fabric8.kubernetes.client.KubernetesClient client, String namespace, String name,
            java.util.function.Consumer<OttCluster> change) {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.resources(OttCluster.class).inNamespace(namespace).withName(name).edit(c -> {
                    change.accept(c);
                    return c;
                });
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
    }

    public static OttCluster withMonoliths(String namespace, String name, int replicas) {
        OttCluster c = empty(namespace, name);
        MonolithSpec m = new MonolithSpec();
        m.setReplicas(replicas);
        c.getSpec().setMonolith(m);
        return c;
    }
}
