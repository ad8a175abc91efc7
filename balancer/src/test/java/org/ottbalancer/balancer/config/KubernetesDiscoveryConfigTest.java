package org.ottbalancer.balancer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code [discovery] method = "kubernetes"}: the ConfigMap holding the registry. */
class KubernetesDiscoveryConfigTest {
    @TempDir
    Path dir;

    private final List<String> warnings = new ArrayList<>();

    /** Reads a {@code [discovery]} table as if the pod's namespace file were {@code namespaceFile}. */
    private DiscoveryConfig read(String discoveryToml, Path namespaceFile) throws IOException {
        ObjectNode node = (ObjectNode) new TomlMapper().readTree(discoveryToml);
        return DiscoveryConfigReader.read(new ConfigTable(node, "discovery", warnings::add), namespaceFile);
    }

    private Path namespaceFile(String content) throws IOException {
        return Files.writeString(dir.resolve("namespace"), content);
    }

    private Path noNamespaceFile() {
        return dir.resolve("not-in-a-pod");
    }

    private static String message(Runnable reading) {
        return assertThrows(ConfigException.class, reading::run).getMessage();
    }

    @Test
    void allKeysFromTheFile() throws IOException {
        assertEquals(new DiscoveryConfig.Kubernetes("ott", "ott-registry", "monoliths.json"),
                read("method = \"kubernetes\"\nnamespace = \"ott\"\nconfigmap = \"ott-registry\"\nkey = \"monoliths.json\"\n",
                        noNamespaceFile()));
        assertEquals(List.of(), warnings);
    }

    @Test
    void keyDefaultsToRegistryJson() throws IOException {
        assertEquals(new DiscoveryConfig.Kubernetes("ott", "ott-registry", "registry.json"),
                read("method = \"kubernetes\"\nnamespace = \"ott\"\nconfigmap = \"ott-registry\"\n", noNamespaceFile()));
    }

    @Test
    void namespaceDefaultsToThePodsOwn() throws IOException {
        assertEquals(new DiscoveryConfig.Kubernetes("ott-prod", "ott-registry", "registry.json"),
                read("method = \"kubernetes\"\nconfigmap = \"ott-registry\"\n", namespaceFile("ott-prod\n")));
    }

    @Test
    void namespaceIsRequiredOutsideAPod() {
        String message = message(() -> {
            try {
                read("method = \"kubernetes\"\nconfigmap = \"ott-registry\"\n", noNamespaceFile());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
        assertTrue(message.startsWith("discovery.namespace: missing"), message);
    }

    @Test
    void configmapIsRequired() {
        assertTrue(loadError("[discovery]\nmethod = \"kubernetes\"\nnamespace = \"ott\"\n")
                .startsWith("discovery.configmap: missing"));
    }

    @Test
    void invalidNamespaceIsRefusedWithTheRule() {
        String message = loadError("[discovery]\nmethod = \"kubernetes\"\nnamespace = \"OTT_Prod\"\nconfigmap = \"r\"\n");
        assertTrue(message.startsWith("discovery.namespace: namespace \"OTT_Prod\" is not valid: use lower-case"), message);
    }

    @Test
    void invalidConfigMapNameIsRefusedWithTheRule() {
        String message = loadError("[discovery]\nmethod = \"kubernetes\"\nnamespace = \"ott\"\nconfigmap = \"ott registry\"\n");
        assertTrue(message.startsWith("discovery.configmap: ConfigMap name \"ott registry\" is not valid"), message);
    }

    @Test
    void invalidKeyIsRefusedWithTheRule() {
        String message = loadError("[discovery]\nmethod = \"kubernetes\"\nnamespace = \"ott\"\nconfigmap = \"r\"\nkey = \"a/b\"\n");
        assertTrue(message.startsWith("discovery.key: ConfigMap key \"a/b\" is not valid"), message);
    }

    @Test
    void unknownKeysAreIgnoredWithAWarning() throws IOException {
        read("method = \"kubernetes\"\nnamespace = \"ott\"\nconfigmap = \"r\"\npolling_interval = \"1s\"\n", noNamespaceFile());
        assertEquals(List.of("ignoring unknown configuration key discovery.polling_interval"), warnings);
    }

    @Test
    void environmentInlineTable() {
        BalancerConfig c = ConfigLoader.load(dir.resolve("absent.toml"),
                Map.of("BALANCER_DISCOVERY", "{method=\"kubernetes\", namespace=\"ns\", configmap=\"x-registry\"}"));
        assertEquals(new DiscoveryConfig.Kubernetes("ns", "x-registry", "registry.json"), c.discovery());
    }

    private String loadError(String toml) {
        return message(() -> {
            try {
                Path file = Files.writeString(dir.resolve("balancer.toml"), toml);
                ConfigLoader.load(file, Map.of());
            } catch (IOException e) {
                throw new AssertionError(e);
            }
        });
    }
}
