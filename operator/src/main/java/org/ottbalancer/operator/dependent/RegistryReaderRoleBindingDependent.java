package org.ottbalancer.operator.dependent;

import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.api.model.rbac.RoleBindingBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import org.ottbalancer.operator.model.OttCluster;
import org.ottbalancer.operator.model.ResolvedCluster;

/** Grants the registry-reader Role to the balancers' ServiceAccount. */
@KubernetesDependent(informer = @Informer(labelSelector = StandardLabels.BALANCER_SELECTOR))
public class RegistryReaderRoleBindingDependent extends ManagedDependent<RoleBinding> {
    public RegistryReaderRoleBindingDependent() {
        super(RoleBinding.class);
    }

    @Override
    String name(String cluster) {
        return ResourceNames.registryReader(cluster);
    }

    @Override
    RoleBinding desired(ResolvedCluster cluster, Context<OttCluster> context) {
        return new RoleBindingBuilder()
                .withMetadata(metadata(cluster, StandardLabels.BALANCER))
                .withNewRoleRef("rbac.authorization.k8s.io", "Role", ResourceNames.registryReader(cluster.name()))
                .addNewSubject()
                .withKind("ServiceAccount")
                .withName(ResourceNames.balancer(cluster.name()))
                .withNamespace(cluster.namespace())
                .endSubject()
                .build();
    }
}
