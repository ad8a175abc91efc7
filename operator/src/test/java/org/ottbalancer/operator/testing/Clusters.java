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

    public static OttCluster withMonoliths(String namespace, String name, int replicas) {
        OttCluster c = empty(namespace, name);
        MonolithSpec m = new MonolithSpec();
        m.setReplicas(replicas);
        c.getSpec().setMonolith(m);
        return c;
    }
}
