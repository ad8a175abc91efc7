package org.ottbalancer.e2e.kube.workload;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A container's environment as kubelet computes it: {@code envFrom} first, then {@code env}, with
 * {@code valueFrom} references to Secrets, ConfigMaps and the pod's own fields resolved. A missing
 * non-optional reference keeps the container from starting, as in a real cluster.
 */
final class ContainerEnvironment {
    static final class MissingReference extends Exception {
        MissingReference(String message) {
            super(message);
        }
    }

    private final KubernetesClient client;
    private final String namespace;
    private final Pod pod;
    private final String podIp;

    ContainerEnvironment(KubernetesClient client, String namespace, Pod pod, String podIp) {
        this.client = client;
        this.namespace = namespace;
        this.pod = pod;
        this.podIp = podIp;
    }

    Map<String, String> resolve(Container c) throws MissingReference {
        Map<String, String> env = new LinkedHashMap<>();
        if (c.getEnvFrom() != null) {
            for (EnvFromSource from : c.getEnvFrom()) {
                String prefix = from.getPrefix() == null ? "" : from.getPrefix();
                if (from.getConfigMapRef() != null) {
                    ConfigMap cm = client.configMaps().inNamespace(namespace).withName(from.getConfigMapRef().getName()).get();
                    if (cm == null && !Boolean.TRUE.equals(from.getConfigMapRef().getOptional())) {
                        throw new MissingReference("configmap \"" + from.getConfigMapRef().getName() + "\" not found");
                    }
                    if (cm != null && cm.getData() != null) {
                        cm.getData().forEach((k, v) -> env.put(prefix + k, v));
                    }
                }
                if (from.getSecretRef() != null) {
                    Secret s = client.secrets().inNamespace(namespace).withName(from.getSecretRef().getName()).get();
                    if (s == null && !Boolean.TRUE.equals(from.getSecretRef().getOptional())) {
                        throw new MissingReference("secret \"" + from.getSecretRef().getName() + "\" not found");
                    }
                    if (s != null && s.getData() != null) {
                        s.getData().forEach((k, v) -> env.put(prefix + k, decode(v)));
                    }
                }
            }
        }
        if (c.getEnv() != null) {
            for (EnvVar v : c.getEnv()) {
                String value = value(v);
                if (value != null) {
                    env.put(v.getName(), value);
                }
            }
        }
        return env;
    }

    private String value(EnvVar v) throws MissingReference {
        if (v.getValueFrom() == null) {
            return v.getValue() == null ? "" : v.getValue();
        }
        var from = v.getValueFrom();
        if (from.getSecretKeyRef() != null) {
            var ref = from.getSecretKeyRef();
            Secret s = client.secrets().inNamespace(namespace).withName(ref.getName()).get();
            String data = s == null || s.getData() == null ? null : s.getData().get(ref.getKey());
            if (data == null && !Boolean.TRUE.equals(ref.getOptional())) {
                throw new MissingReference("key \"" + ref.getKey() + "\" of secret \"" + ref.getName() + "\" not found");
            }
            return data == null ? null : decode(data);
        }
        if (from.getConfigMapKeyRef() != null) {
            var ref = from.getConfigMapKeyRef();
            ConfigMap cm = client.configMaps().inNamespace(namespace).withName(ref.getName()).get();
            String data = cm == null || cm.getData() == null ? null : cm.getData().get(ref.getKey());
            if (data == null && !Boolean.TRUE.equals(ref.getOptional())) {
                throw new MissingReference("key \"" + ref.getKey() + "\" of configmap \"" + ref.getName() + "\" not found");
            }
            return data;
        }
        if (from.getFieldRef() != null) {
            String path = from.getFieldRef().getFieldPath();
            if ("metadata.name".equals(path)) {
                return pod.getMetadata().getName();
            }
            if ("metadata.namespace".equals(path)) {
                return namespace;
            }
            if ("status.podIP".equals(path)) {
                return podIp;
            }
            throw new MissingReference("field " + path + " is not provided by the local kubelet");
        }
        throw new MissingReference("unsupported valueFrom of " + v.getName());
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
