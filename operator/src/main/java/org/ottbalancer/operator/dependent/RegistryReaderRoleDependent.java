package org.ottbalancer.operator.dependent;

import io.fabric8.kubernetes.api.model.rbac.PolicyRuleBuilder;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import org.ottbalancer.operator.model.OttCluster;
import org.ottbalancer.operator.model.ResolvedCluster;

/**
 * Read access to exactly one ConfigMap, the cluster's registry. A balancer that lists or watches
 * must therefore do so with the field selector {@code metadata.name=<cluster>-registry}, which is
 * what {@code resourceNames} permits for list and watch.
 */
@KubernetesDependent(informer = @Informer(labelSelector = StandardLabels.BALANCER_SELECTOR))
public class RegistryReaderRoleDependent extends ManagedDependent<Role> {
    public RegistryReaderRoleDependent() {
        super(Role.class);
    }

    @Override
    String name(String cluster) {
        return ResourceNames.registryReader(cluster);
    }

    @Override
    Role desired(ResolvedCluster cluster, Context<OttCluster> context) {
        return new RoleBuilder()
                .withMetadata(metadata(cluster, StandardLabels.BALANCER))
                .withRules(new PolicyRuleBuilder()
                        .withApiGroups("")
                        .withResources("configmaps")
                        .withResourceNames(ResourceNames.registry(cluster.name()))
                        .withVerbs("get", "list", "watch")
                        .build())
                .build();
    }
}
