package org.ottbalancer.e2e.kube.workload;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * What every pod's processes share: the API client, the image catalog, pod addresses, the kubeconfig
 * handed to pods, where pod directories go, the JVM options of Java containers and how often
 * readiness is probed.
 *
 * @param probePeriod readiness probes run this often, instead of each probe's {@code periodSeconds}
 *     (5 s in the operator's manifests): the suites would otherwise spend most of their time waiting
 *     for probes. Failure thresholds are kept.
 */
public record KubeletContext(KubernetesClient client, ImageCatalog images, AddressPool addresses, Path kubeconfig,
        Path podsDir, List<String> jvmOptions, Duration probePeriod) {
}
