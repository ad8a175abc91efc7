package org.ottbalancer.operator.dependent;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRuleBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPortBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ottbalancer.operator.config.OperatorPods;
import org.ottbalancer.operator.model.OttCluster;
import org.ottbalancer.operator.model.ResolvedCluster;

/**
 * Who may connect to a monolith pod: this cluster's balancers (the agent's link port, and the
 * monolith's HTTP port they proxy to), the operator (the agent's API: reports and drains) and the
 * spec's {@code metricsFrom} peers (the agent's API and the monolith's HTTP port, both serving
 * {@code /metrics}). Browsers never reach a monolith directly; they go through the balancers. The
 * monolith's balancing port is not listed: only the agent dials it, over loopback, which policies do
 * not govern. Kubelet probes come from the node, which policies always allow.
 */
@KubernetesDependent(informer = @Informer(labelSelector = StandardLabels.MONOLITH_SELECTOR))
public class MonolithNetworkPolicyDependent extends ManagedDependent<NetworkPolicy> {
    /** The label every namespace carries with its own name (Kubernetes 1.21+). */
    static final String NAMESPACE_NAME_LABEL = "kubernetes.io/metadata.name";

    public MonolithNetworkPolicyDependent() {
        super(NetworkPolicy.class);
    }

    @Override
    String name(String cluster) {
        return ResourceNames.monolithPolicy(cluster);
    }

    @Override
    NetworkPolicy desired(ResolvedCluster cluster, Context<OttCluster> context) {
        return build(cluster, ClusterContext.operatorPods(context));
    }

    static NetworkPolicy build(ResolvedCluster cluster, OperatorPods operator) {
        int link = cluster.agent().linkPort();
        int http = cluster.monolith().httpPort();
        int agentHttp = cluster.agent().httpPort();
        List<NetworkPolicyIngressRule> rules = new ArrayList<>();
        rules.add(rule(List.of(balancers(cluster)), List.of(port(link), port(http))));
        rules.add(rule(List.of(operator(operator)), List.of(port(agentHttp))));
        if (!cluster.networkPolicies().metricsFrom().isEmpty()) {
            rules.add(rule(cluster.networkPolicies().metricsFrom(), List.of(port(agentHttp), port(http))));
        }
        return new NetworkPolicyBuilder()
                .withNewMetadata()
                .withName(ResourceNames.monolithPolicy(cluster.name()))
                .withNamespace(cluster.namespace())
                .withLabels(StandardLabels.of(cluster.name(), StandardLabels.MONOLITH))
                .endMetadata()
                .withNewSpec()
                .withNewPodSelector()
                .withMatchLabels(StandardLabels.selector(cluster.name(), StandardLabels.MONOLITH))
                .endPodSelector()
                // Ingress only: monoliths call out to databases and video sites the operator cannot know.
                .withPolicyTypes("Ingress")
                .withIngress(rules)
                .endSpec()
                .build();
    }

    /** This cluster's balancer pods, in the OttCluster's namespace. */
    private static NetworkPolicyPeer balancers(ResolvedCluster cluster) {
        return new NetworkPolicyPeerBuilder()
                .withPodSelector(new LabelSelectorBuilder()
                        .withMatchLabels(StandardLabels.selector(cluster.name(), StandardLabels.BALANCER))
                        .build())
                .build();
    }

    /** The operator's pods in its namespace; in the OttCluster's own when that is unknown. */
    private static NetworkPolicyPeer operator(OperatorPods operator) {
        NetworkPolicyPeerBuilder peer = new NetworkPolicyPeerBuilder()
                .withPodSelector(new LabelSelectorBuilder().withMatchLabels(operator.labels()).build());
        operator.namespace().ifPresent(ns -> peer.withNamespaceSelector(new LabelSelectorBuilder()
                .withMatchLabels(Map.of(NAMESPACE_NAME_LABEL, ns))
                .build()));
        return peer.build();
    }

    static NetworkPolicyIngressRule rule(List<NetworkPolicyPeer> from, List<NetworkPolicyPort> ports) {
        return new NetworkPolicyIngressRuleBuilder().withFrom(from).withPorts(ports).build();
    }

    static NetworkPolicyPort port(int number) {
        return new NetworkPolicyPortBuilder().withProtocol("TCP").withPort(new IntOrString(number)).build();
    }
}
