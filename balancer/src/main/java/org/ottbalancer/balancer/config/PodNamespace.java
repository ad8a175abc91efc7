package org.ottbalancer.balancer.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The namespace of the pod this process runs in, as Kubernetes writes it next to the service
 * account token. Lets a balancer deployed beside its registry ConfigMap leave {@code namespace} out.
 */
final class PodNamespace {
    static final Path SERVICE_ACCOUNT_NAMESPACE = Path.of("/var/run/secrets/kubernetes.io/serviceaccount/namespace");

    private PodNamespace() {
    }

    /** The trimmed content of {@code file}, or empty when it does not exist, cannot be read or is blank. */
    static Optional<String> readFrom(Path file) {
        try {
            String text = Files.readString(file, StandardCharsets.UTF_8).strip();
            return text.isEmpty() ? Optional.empty() : Optional.of(text);
        } catch (IOException | SecurityException e) {
            return Optional.empty();
        }
    }
}
