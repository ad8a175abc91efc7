package org.ottbalancer.operator.dependent;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecretBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Map;
import org.ottbalancer.operator.model.ResolvedCluster;

/**
 * The bearer token of the agents' {@code POST /drain}: 256 random bits, generated once when the
 * Secret is created and never rewritten (the agents read it from a mounted file, the operator reads
 * it from the Secret when it asks an agent to drain). It is never logged and never copied into status.
 */
@KubernetesDependent(informer = @Informer(labelSelector = StandardLabels.MONOLITH_SELECTOR))
public class DrainTokenSecretDependent extends CreateOnlyDependent<Secret> {
    /** The data key holding the token. */
    public static final String KEY = "token";

    private static final SecureRandom RANDOM = new SecureRandom();

    public DrainTokenSecretDependent() {
        super(Secret.class);
    }

    @Override
    String name(String cluster) {
        return ResourceNames.drainToken(cluster);
    }

    @Override
    Secret initial(ResolvedCluster cluster) {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        return new SecretBuilder()
                .withMetadata(metadata(cluster, StandardLabels.MONOLITH))
                .withType("Opaque")
                .withData(Map.of(KEY, Base64.getEncoder().encodeToString(token.getBytes(StandardCharsets.US_ASCII))))
                .build();
    }
}
