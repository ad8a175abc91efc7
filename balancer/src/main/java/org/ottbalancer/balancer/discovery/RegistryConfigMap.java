package org.ottbalancer.balancer.discovery;

import io.fabric8.kubernetes.api.model.ConfigMap;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;
import org.ottbalancer.protocol.registry.RegistryCodec;
import org.ottbalancer.protocol.registry.RegistryDocument;

/**
 * Reads the registry document out of a ConfigMap. The operator publishes it as text under
 * {@code data}; a ConfigMap made with {@code kubectl create configmap --from-file} of a file that
 * is not valid UTF-8 would put it under {@code binaryData} instead, so that is accepted too.
 */
final class RegistryConfigMap {
    private RegistryConfigMap() {
    }

    /**
     * The registry text stored under {@code key}.
     *
     * @throws InvalidConfigMapException when the ConfigMap has no such key or its binary value is not base64
     */
    static String text(ConfigMap configMap, String key) {
        Map<String, String> data = configMap.getData();
        if (data != null && data.containsKey(key)) {
            String text = data.get(key);
            return text == null ? "" : text;
        }
        Map<String, String> binary = configMap.getBinaryData();
        if (binary != null && binary.containsKey(key)) {
            try {
                return new String(Base64.getMimeDecoder().decode(binary.get(key)), StandardCharsets.UTF_8);
            } catch (IllegalArgumentException e) {
                throw new InvalidConfigMapException("binaryData." + key + " is not valid base64");
            }
        }
        throw new InvalidConfigMapException("has no key \"" + key + "\" (keys: " + keys(configMap) + ")");
    }

    /**
     * The parsed registry document stored under {@code key}.
     *
     * @throws InvalidConfigMapException when the key is missing
     * @throws RegistryCodec.InvalidRegistryException when the document is invalid
     */
    static RegistryDocument document(ConfigMap configMap, String key) {
        return RegistryCodec.parse(text(configMap, key));
    }

    private static String keys(ConfigMap configMap) {
        java.util.TreeSet<String> keys = new java.util.TreeSet<>();
        if (configMap.getData() != null) {
            keys.addAll(configMap.getData().keySet());
        }
        if (configMap.getBinaryData() != null) {
            keys.addAll(configMap.getBinaryData().keySet());
        }
        return keys.isEmpty() ? "none" : String.join(", ", keys);
    }

    /** The ConfigMap does not hold a registry under the expected key; the message says what is wrong. */
    static final class InvalidConfigMapException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        InvalidConfigMapException(String message) {
            super(message);
        }
    }
}
