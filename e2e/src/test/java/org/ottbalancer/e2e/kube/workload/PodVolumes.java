package org.ottbalancer.e2e.kube.workload;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A pod's volumes as directories under the pod directory: Secret and ConfigMap volumes are written
 * out key by key (read once at start, as the agent reads its token once), {@code emptyDir} is an
 * empty directory. Returns each container mount path with the directory it stands for.
 */
final class PodVolumes {
    private final KubernetesClient client;
    private final String namespace;
    private final Path podDir;

    PodVolumes(KubernetesClient client, String namespace, Path podDir) {
        this.client = client;
        this.namespace = namespace;
        this.podDir = podDir;
    }

    Map<String, String> materialize(Pod pod) throws IOException {
        Map<String, Path> volumes = new HashMap<>();
        if (pod.getSpec().getVolumes() != null) {
            for (Volume v : pod.getSpec().getVolumes()) {
                Path d = Files.createDirectories(podDir.resolve("volumes").resolve(v.getName()));
                if (v.getSecret() != null) {
                    Secret s = client.secrets().inNamespace(namespace).withName(v.getSecret().getSecretName()).get();
                    if (s != null && s.getData() != null) {
                        for (Map.Entry<String, String> e : s.getData().entrySet()) {
                            Files.write(d.resolve(e.getKey()), Base64.getDecoder().decode(e.getValue()));
                        }
                    }
                    if (s != null && s.getStringData() != null) {
                        for (Map.Entry<String, String> e : s.getStringData().entrySet()) {
                            Files.writeString(d.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
                        }
                    }
                } else if (v.getConfigMap() != null) {
                    ConfigMap cm = client.configMaps().inNamespace(namespace).withName(v.getConfigMap().getName()).get();
                    if (cm != null && cm.getData() != null) {
                        for (Map.Entry<String, String> e : cm.getData().entrySet()) {
                            Files.writeString(d.resolve(e.getKey()), e.getValue(), StandardCharsets.UTF_8);
                        }
                    }
                }
                volumes.put(v.getName(), d);
            }
        }
        Map<String, String> mounts = new HashMap<>();
        List<Container> containers = new ArrayList<>(pod.getSpec().getContainers());
        if (pod.getSpec().getInitContainers() != null) {
            containers.addAll(pod.getSpec().getInitContainers());
        }
        for (Container c : containers) {
            if (c.getVolumeMounts() == null) {
                continue;
            }
            for (VolumeMount m : c.getVolumeMounts()) {
                Path d = volumes.get(m.getName());
                if (d != null) {
                    mounts.put(m.getMountPath(), d.toString());
                }
            }
        }
        return mounts;
    }
}
