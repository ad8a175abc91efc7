package org.ottbalancer.operator.model;

import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ottbalancer.operator.config.ComponentImages;
import org.ottbalancer.operator.config.DurationText;

/**
 * An OttCluster's spec with every default filled in: what the dependent resources are built from.
 * Built only from a spec that passed validation (see the reconciler's {@code SpecValidator}).
 */
public record ResolvedCluster(
        String name,
        String namespace,
        Monolith monolith,
        Agent agent,
        Balancer balancer,
        Drain drain,
        NetworkPolicies networkPolicies) {

    public record Monolith(String image, int replicas, int httpPort, int balancingPort, Optional<String> region,
            List<EnvVar> env, List<EnvFromSource> envFrom, Optional<ResourceRequirements> resources,
            Optional<List<String>> preStopCommand, String probePath, PodTemplateExtras podTemplate) {
    }

    public record Agent(String image, int linkPort, int httpPort, Optional<ResourceRequirements> resources,
            LoadSignal loadSignal, String loadMetric) {
    }

    public record Balancer(String image, int replicas, int port, ServiceType serviceType, int servicePort,
            Map<String, String> serviceAnnotations, SelectionStrategy selectionStrategy, Optional<Integer> hashRingWeight,
            Optional<SecretKeyRef> apiKeySecretRef, Optional<String> region, Optional<ResourceRequirements> resources,
            PodTemplateExtras podTemplate) {
    }

    public record Drain(Duration deadline, int pace, VictimPolicy victimPolicy) {
    }

    /** @param metricsFrom extra peers allowed to reach the monolith pods' metrics ports */
    public record NetworkPolicies(boolean enabled, List<NetworkPolicyPeer> metricsFrom) {
    }

    public static ResolvedCluster of(OttCluster cluster, ComponentImages images) {
        OttClusterSpec spec = cluster.getSpec() == null ? new OttClusterSpec() : cluster.getSpec();
        MonolithSpec m = orNew(spec.getMonolith(), MonolithSpec::new);
        AgentSpec a = orNew(spec.getAgent(), AgentSpec::new);
        BalancerSpec b = orNew(spec.getBalancer(), BalancerSpec::new);
        BalancerServiceSpec s = orNew(b.getService(), BalancerServiceSpec::new);
        SelectionStrategySpec st = orNew(b.getSelectionStrategy(), SelectionStrategySpec::new);
        DrainSpec d = orNew(spec.getDrain(), DrainSpec::new);
        NetworkPolicySpec np = orNew(spec.getNetworkPolicy(), NetworkPolicySpec::new);
        return new ResolvedCluster(
                cluster.getMetadata().getName(),
                cluster.getMetadata().getNamespace(),
                new Monolith(
                        or(m.getImage(), images.monolith()),
                        or(m.getReplicas(), Defaults.MONOLITH_REPLICAS),
                        or(m.getHttpPort(), Defaults.MONOLITH_HTTP_PORT),
                        or(m.getBalancingPort(), Defaults.MONOLITH_BALANCING_PORT),
                        Optional.ofNullable(m.getRegion()),
                        m.getEnv() == null ? List.of() : List.copyOf(m.getEnv()),
                        m.getEnvFrom() == null ? List.of() : List.copyOf(m.getEnvFrom()),
                        Optional.ofNullable(m.getResources()),
                        Optional.ofNullable(m.getPreStopCommand()).map(List::copyOf),
                        or(m.getProbePath(), Defaults.MONOLITH_PROBE_PATH),
                        orNew(m.getPodTemplate(), PodTemplateExtras::new)),
                new Agent(
                        or(a.getImage(), images.agent()),
                        or(a.getLinkPort(), Defaults.AGENT_LINK_PORT),
                        or(a.getHttpPort(), Defaults.AGENT_HTTP_PORT),
                        Optional.ofNullable(a.getResources()),
                        or(a.getLoadSignal(), LoadSignal.link),
                        or(a.getLoadMetric(), Defaults.LOAD_METRIC)),
                new Balancer(
                        or(b.getImage(), images.balancer()),
                        or(b.getReplicas(), Defaults.BALANCER_REPLICAS),
                        or(b.getPort(), Defaults.BALANCER_PORT),
                        or(s.getType(), ServiceType.ClusterIP),
                        or(s.getPort(), Defaults.BALANCER_SERVICE_PORT),
                        s.getAnnotations() == null ? Map.of() : Map.copyOf(s.getAnnotations()),
                        or(st.getStrategy(), SelectionStrategy.MinRooms),
                        Optional.ofNullable(st.getWeight()),
                        Optional.ofNullable(b.getApiKeySecretRef()),
                        Optional.ofNullable(b.getRegion()),
                        Optional.ofNullable(b.getResources()),
                        orNew(b.getPodTemplate(), PodTemplateExtras::new)),
                new Drain(
                        DurationText.parse(or(d.getDeadline(), Defaults.DRAIN_DEADLINE)),
                        or(d.getPace(), Defaults.DRAIN_PACE),
                        or(d.getVictimPolicy(), VictimPolicy.FewestUsers)),
                new NetworkPolicies(
                        or(np.getEnabled(), Boolean.TRUE),
                        np.getMetricsFrom() == null ? List.of() : List.copyOf(np.getMetricsFrom())));
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    private static <T> T orNew(T value, java.util.function.Supplier<T> factory) {
        return value != null ? value : factory.get();
    }

}
