package org.ottbalancer.operator.dependent;

import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import org.ottbalancer.operator.model.OttCluster;
import org.ottbalancer.operator.model.ResolvedCluster;

/**
 * The balancers' one port is the cluster's public entry (browsers through the Service, an Ingress or
 * a load balancer, and scrapers of {@code /api/status/metrics} on the same port), so it is open to
 * every source; the policy closes every other port.
 */
@KubernetesDependent(informer = @Informer(labelSelector = StandardLabels.BALANCER_SELECTOR))
public class BalancerNetworkPolicyDependent extends ManagedDependent<NetworkPolicy> {
    public BalancerNetworkPolicyDependent() {
        super(NetworkPolicy.class);
    }

    @Override
    String name(String cluster) {
        return ResourceNames.balancerPolicy(cluster);
    }

    @Override
    NetworkPolicy desired(ResolvedCluster cluster, Context<OttCluster> context) {
        return new NetworkPolicyBuilder()
                .withMetadata(metadata(cluster, StandardLabels.BALANCER))
                .withNewSpec()
                .withNewPodSelector()
                .withMatchLabels(StandardLabels.selector(cluster.name(), StandardLabels.BALANCER))
                .endPodSelector()
                // Ingress only: balancers reach the API server, the agents and the monoliths.
                .withPolicyTypes("Ingress")
                // A rule without "from" admits every source.
                .addNewIngress()
                .withPorts(MonolithNetworkPolicyDependent.port(cluster.balancer().port()))
                .endIngress()
                .endSpec()
                .build();
    }
}
