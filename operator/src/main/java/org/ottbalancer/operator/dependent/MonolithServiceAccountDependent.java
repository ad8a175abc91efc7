package org.ottbalancer.operator.dependent;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import org.ottbalancer.operator.model.OttCluster;
import org.ottbalancer.operator.model.ResolvedCluster;

/**
 * The monolith pods' own identity, with no permissions and no token mounted: without it they would run
 * as the namespace's {@code default} account, which other workloads may have been granted rights to.
 */
@KubernetesDependent(informer = @Informer(labelSelector = StandardLabels.MONOLITH_SELECTOR))
public class MonolithServiceAccountDependent extends ManagedDependent<ServiceAccount> {
    public MonolithServiceAccountDependent() {
        super(ServiceAccount.class);
    }

    @Override
    String name(String cluster) {
        return ResourceNames.monolith(cluster);
    }

    @Override
    ServiceAccount desired(ResolvedCluster cluster, Context<OttCluster> context) {
        return new ServiceAccountBuilder()
                .withMetadata(metadata(cluster, StandardLabels.MONOLITH))
                .withAutomountServiceAccountToken(false)
                .build();
    }
}
