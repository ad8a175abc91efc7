package org.ottbalancer.operator.testing;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyIngressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.util.List;
import java.util.Map;

/**
 * Decides, as a network plugin would, whether NetworkPolicies let a pod connect to another pod's TCP
 * port: a pod that no policy selects accepts everything; a selected pod accepts what at least one
 * ingress rule of a selecting policy admits. Covers what the operator's policies use (matchLabels,
 * numeric ports, namespaces selected by {@code kubernetes.io/metadata.name}); anything else fails the
 * test rather than being guessed.
 */
public final class PolicyEvaluator {
    /** A pod taking part in a connection: its namespace and labels. */
    public record Pod(String namespace, Map<String, String> labels) {
    }

    private final List<NetworkPolicy> policies;

    public PolicyEvaluator(List<NetworkPolicy> policies) {
        this.policies = List.copyOf(policies);
    }

    public boolean allows(Pod from, Pod to, int port) {
        List<NetworkPolicy> selecting = policies.stream()
                .filter(p -> p.getMetadata().getNamespace().equals(to.namespace()))
                .filter(p -> p.getSpec().getPolicyTypes().contains("Ingress"))
                .filter(p -> matches(p.getSpec().getPodSelector(), to.labels()))
                .toList();
        if (selecting.isEmpty()) {
            return true;
        }
        return selecting.stream().flatMap(p -> p.getSpec().getIngress().stream())
                .anyMatch(rule -> admits(rule, from, to.namespace(), port));
    }

    private static boolean admits(NetworkPolicyIngressRule rule, Pod from, String policyNamespace, int port) {
        boolean portMatches = rule.getPorts() == null || rule.getPorts().isEmpty()
                || rule.getPorts().stream().anyMatch(p -> matches(p, port));
        boolean sourceMatches = rule.getFrom() == null || rule.getFrom().isEmpty()
                || rule.getFrom().stream().anyMatch(peer -> matches(peer, from, policyNamespace));
        return portMatches && sourceMatches;
    }

    private static boolean matches(NetworkPolicyPort p, int port) {
        if (p.getPort() == null) {
            return true;
        }
        if (p.getPort().getIntVal() == null) {
            throw new AssertionError("named port " + p.getPort().getStrVal() + " is not evaluated here");
        }
        return "TCP".equals(p.getProtocol()) && p.getPort().getIntVal() == port;
    }

    private static boolean matches(NetworkPolicyPeer peer, Pod from, String policyNamespace) {
        if (peer.getIpBlock() != null) {
            throw new AssertionError("ipBlock peers are not evaluated here");
        }
        boolean namespaceMatches = peer.getNamespaceSelector() == null
                ? from.namespace().equals(policyNamespace)
                : matches(peer.getNamespaceSelector(), Map.of("kubernetes.io/metadata.name", from.namespace()));
        boolean podMatches = peer.getPodSelector() == null || matches(peer.getPodSelector(), from.labels());
        return namespaceMatches && podMatches;
    }

    private static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector.getMatchExpressions() != null && !selector.getMatchExpressions().isEmpty()) {
            throw new AssertionError("matchExpressions are not evaluated here");
        }
        Map<String, String> wanted = selector.getMatchLabels() == null ? Map.of() : selector.getMatchLabels();
        return wanted.entrySet().stream().allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }
}
