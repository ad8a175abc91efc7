package org.ottbalancer.operator.dependent;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.ServicePortBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import org.ottbalancer.operator.model.OttCluster;
import org.ottbalancer.operator.model.ResolvedCluster;

/**
 * Headless Service of the monolith pods: per-pod DNS records for the link, the monolith's HTTP port
 * and the agent's API. The monolith's own balancing port is deliberately absent: only the agent in the
 * same pod dials it.
 */
@KubernetesDependent(informer = @Informer(labelSelector = StandardLabels.MONOLITH_SELECTOR))
public class MonolithServiceDependent extends ManagedDependent<Service> {
    public MonolithServiceDependent() {
        super(Service.class);
    }

    @Override
    String name(String cluster) {
        return ResourceNames.monolith(cluster);
    }

    @Override
    Service desired(ResolvedCluster cluster, Context<OttCluster> context) {
        return new ServiceBuilder()
                .withMetadata(metadata(cluster, StandardLabels.MONOLITH))
                .withNewSpec()
                .withClusterIP("None")
                .withSelector(StandardLabels.selector(cluster.name(), StandardLabels.MONOLITH))
                .withPorts(
                        port(PortNames.LINK, cluster.agent().linkPort()),
                        port(PortNames.HTTP, cluster.monolith().httpPort()),
                        port(PortNames.AGENT_HTTP, cluster.agent().httpPort()))
                .endSpec()
                .build();
    }

    private static io.fabric8.kubernetes.api.model.ServicePort port(String name, int number) {
        return new ServicePortBuilder()
                .withName(name)
                .withProtocol("TCP")
                .withPort(number)
                .withTargetPort(new IntOrString(name))
                .build();
    }
}
