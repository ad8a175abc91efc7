package org.ottbalancer.operator.fleet;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;
import org.ottbalancer.operator.model.ClusterCondition;
import org.ottbalancer.operator.model.OttCluster;
import org.ottbalancer.operator.testing.MockCluster;
import org.ottbalancer.protocol.registry.MonolithEntry;
import org.ottbalancer.protocol.registry.MonolithState;
import org.ottbalancer.protocol.registry.RegistryCodec;
import org.ottbalancer.protocol.registry.RegistryDocument;

/** Reads what the drain tests check: the monolith Deployment, the registry, conditions, the token. */
final class DrainFixture {
    private final KubernetesClient client;
    private final String ns;
    private final String name;

    DrainFixture(KubernetesClient client, String ns, String name) {
        this.client = client;
        this.ns = ns;
        this.name = name;
    }

    Integer deploymentReplicas() {
        Deployment d = client.apps().deployments().inNamespace(ns).withName(name + "-monolith").get();
        return d == null ? null : d.getSpec().getReplicas();
    }

    void awaitDeploymentReplicas(int replicas) {
        MockCluster.await("monolith Deployment at " + replicas + " replicas (now " + deploymentReplicas() + ")",
                () -> Objects.equals(deploymentReplicas(), replicas));
    }

    RegistryDocument registry() {
        return RegistryCodec.parse(client.configMaps().inNamespace(ns).withName(name + "-registry").get().getData()
                .get("registry.json"));
    }

    Optional<MonolithState> registryState(String pod) {
        return registry().monoliths().stream().filter(m -> pod.equals(m.pod())).map(MonolithEntry::state).findFirst();
    }

    Optional<ClusterCondition> condition(String type) {
        OttCluster c = client.resources(OttCluster.class).inNamespace(ns).withName(name).get();
        if (c == null || c.getStatus() == null) {
            return Optional.empty();
        }
        return c.getStatus().getConditions().stream().filter(x -> type.equals(x.getType())).findFirst();
    }

    ClusterCondition awaitDraining(String status, String messagePart) {
        return MockCluster.await("Draining=" + status + " saying \"" + messagePart + "\" (now " + condition("Draining")
                + ")", () -> condition("Draining")
                        .filter(c -> status.equals(c.getStatus()) && c.getMessage().contains(messagePart)).orElse(null));
    }

    String drainToken() {
        Secret s = MockCluster.await("the drain-token Secret",
                () -> client.secrets().inNamespace(ns).withName(name + "-drain-token").get());
        return new String(Base64.getDecoder().decode(s.getData().get("token")), StandardCharsets.US_ASCII);
    }
}
