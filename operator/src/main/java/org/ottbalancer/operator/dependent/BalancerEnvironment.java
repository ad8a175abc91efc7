package org.ottbalancer.operator.dependent;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.ArrayList;
import java.util.List;
import org.ottbalancer.operator.model.ResolvedCluster;
import org.ottbalancer.operator.model.SelectionStrategy;

/**
 * The balancer container's {@code BALANCER_*} variables. Tables are TOML inline tables, the form the
 * balancer reads from the environment.
 */
final class BalancerEnvironment {
    static final String PORT = "BALANCER_PORT";
    static final String DISCOVERY = "BALANCER_DISCOVERY";
    static final String API_KEY = "BALANCER_API_KEY";
    static final String SELECTION_STRATEGY = "BALANCER_SELECTION_STRATEGY";
    static final String REGION = "BALANCER_REGION";

    private BalancerEnvironment() {
    }

    static List<EnvVar> of(ResolvedCluster cluster) {
        ResolvedCluster.Balancer b = cluster.balancer();
        List<EnvVar> env = new ArrayList<>();
        env.add(plain(PORT, Integer.toString(b.port())));
        env.add(plain(DISCOVERY, discovery(cluster)));
        env.add(plain(SELECTION_STRATEGY, selectionStrategy(b)));
        b.region().ifPresent(r -> env.add(plain(REGION, r)));
        b.apiKeySecretRef().ifPresent(ref -> env.add(new EnvVarBuilder()
                .withName(API_KEY)
                .withNewValueFrom()
                .withNewSecretKeyRef(ref.getKey(), ref.getName(), false)
                .endValueFrom()
                .build()));
        return env;
    }

    /** Kubernetes discovery of the cluster's registry ConfigMap; names are DNS labels, so need no escaping. */
    static String discovery(ResolvedCluster cluster) {
        return "{method=\"kubernetes\", namespace=\"" + cluster.namespace() + "\", configmap=\""
                + ResourceNames.registry(cluster.name()) + "\"}";
    }

    static String selectionStrategy(ResolvedCluster.Balancer b) {
        StringBuilder toml = new StringBuilder("{strategy=\"").append(b.selectionStrategy().name()).append('"');
        if (b.selectionStrategy() == SelectionStrategy.HashRing) {
            b.hashRingWeight().ifPresent(w -> toml.append(", weight=").append(w));
        }
        return toml.append('}').toString();
    }

    private static EnvVar plain(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }
}
