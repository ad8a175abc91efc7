package org.ottbalancer.operator.dependent;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import org.ottbalancer.operator.model.OttCluster;
import org.ottbalancer.operator.model.ResolvedCluster;

/** The balancers' identity: allowed to read the registry ConfigMap and nothing else. */
@KubernetesDependent(informer = @Informer(labelSelector = StandardLabels.BALANCER_SELECTOR))
public class BalancerServiceAccountDependent extends ManagedDependent<ServiceAccount> {
    public BalancerServiceAccountDependent() {
        super(ServiceAccount.class);
    }

    @Override
    String name(String cluster) {
        return ResourceNames.balancer(cluster);
    }

    @Override
    ServiceAccount desired(ResolvedCluster cluster, Context<OttCluster> context) {
        return new ServiceAccountBuilder().withMetadata(metadata(cluster, StandardLabels.BALANCER)).build();
    }
}
