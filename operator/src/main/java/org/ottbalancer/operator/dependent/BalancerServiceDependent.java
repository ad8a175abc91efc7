package org.ottbalancer.operator.dependent;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import org.ottbalancer.operator.model.OttCluster;
import org.ottbalancer.operator.model.ResolvedCluster;

/** The cluster's entry point: browsers reach the balancers through it. */
@KubernetesDependent(informer = @Informer(labelSelector = StandardLabels.BALANCER_SELECTOR))
public class BalancerServiceDependent extends ManagedDependent<Service> {
    public BalancerServiceDependent() {
        super(Service.class);
    }

    @Override
    String name(String cluster) {
        return ResourceNames.balancer(cluster);
    }

    @Override
    Service desired(ResolvedCluster cluster, Context<OttCluster> context) {
        ResolvedCluster.Balancer b = cluster.balancer();
        ObjectMeta meta = metadata(cluster, StandardLabels.BALANCER);
        if (!b.serviceAnnotations().isEmpty()) {
            meta.setAnnotations(new java.util.LinkedHashMap<>(b.serviceAnnotations()));
        }
        return new ServiceBuilder()
                .withMetadata(meta)
                .withNewSpec()
                .withType(b.serviceType().name())
                .withSelector(StandardLabels.selector(cluster.name(), StandardLabels.BALANCER))
                .addNewPort()
                .withName(PortNames.HTTP)
                .withProtocol("TCP")
                .withPort(b.servicePort())
                .withTargetPort(new IntOrString(PortNames.HTTP))
                .endPort()
                .endSpec()
                .build();
    }
}
