package org.ottbalancer.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.ottbalancer.operator.config.ComponentImages;
import org.ottbalancer.operator.model.Defaults;

/** The image configurations: names, user, entrypoint, ports, labels, layers. */
class ImageConfigIT {
    /** The ports each image declares, taken from the operator's defaults where it has one. */
    private static final Map<String, Set<String>> EXPOSED_PORTS = Map.of(
            "ott-balancer", Set.of(Defaults.BALANCER_PORT + "/tcp"),
            "ott-sample-monolith", Set.of(Defaults.MONOLITH_HTTP_PORT + "/tcp"),
            "ott-monolith-agent", Set.of(Defaults.AGENT_LINK_PORT + "/tcp", Defaults.AGENT_HTTP_PORT + "/tcp"),
            "ott-operator", Set.of("8080/tcp"));

    static List<String> images() {
        return UnpackedImage.NAMES;
    }

    @Test
    void theOperatorDeploysByDefaultTheImagesThisBuildMakes() {
        ComponentImages defaults = ComponentImages.forVersion(ComponentImages.operatorVersion());
        assertEquals(defaults.balancer(), UnpackedImage.of("ott-balancer").tarball().reference());
        assertEquals(defaults.monolith(), UnpackedImage.of("ott-sample-monolith").tarball().reference());
        assertEquals(defaults.agent(), UnpackedImage.of("ott-monolith-agent").tarball().reference());
    }

    @ParameterizedTest
    @MethodSource("images")
    void isNamedAfterItsRepositoryInTheProjectRegistryWithTheProjectVersion(String name) {
        assertEquals(BuildSettings.registry() + "/" + name + ":" + BuildSettings.tag(), UnpackedImage.of(name).tarball().reference());
    }

    @ParameterizedTest
    @MethodSource("images")
    void runsAsTheNonRootUser65532(String name) {
        assertEquals("65532:65532", UnpackedImage.of(name).user());
    }

    @ParameterizedTest
    @MethodSource("images")
    void startsItsJarWithTheBundledRuntimeAndAContainerAwareHeap(String name) {
        List<String> entrypoint = UnpackedImage.of(name).entrypoint();
        assertEquals("/opt/java/bin/java", entrypoint.get(0), entrypoint.toString());
        assertTrue(entrypoint.contains("-XX:MaxRAMPercentage=75"), entrypoint.toString());
        assertEquals(List.of("-jar", "/app/" + name + ".jar"), entrypoint.subList(entrypoint.size() - 2, entrypoint.size()));
    }

    @ParameterizedTest
    @MethodSource("images")
    void exposesTheServicePortsTheOperatorUses(String name) {
        Set<String> ports = new TreeSet<>();
        UnpackedImage.of(name).tarball().containerConfig().path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        assertEquals(new TreeSet<>(EXPOSED_PORTS.get(name)), ports);
    }

    @ParameterizedTest
    @MethodSource("images")
    void carriesOpenContainersTitleVersionAndDescriptionLabels(String name) {
        JsonNode labels = UnpackedImage.of(name).tarball().containerConfig().path("Labels");
        assertEquals(name, labels.path("org.opencontainers.image.title").asText());
        assertEquals(BuildSettings.tag(), labels.path("org.opencontainers.image.version").asText());
        assertTrue(labels.path("org.opencontainers.image.description").asText().length() > 20, labels.toString());
    }

    @ParameterizedTest
    @MethodSource("images")
    void hasAFixedCreationTimeSoThatRebuildsGiveTheSameDigest(String name) {
        assertEquals("1970-01-01T00:00:00Z", UnpackedImage.of(name).tarball().imageConfig().path("created").asText());
    }

    @Test
    void allImagesShareTheirBaseLayer() {
        List<String> bases = new ArrayList<>();
        for (String name : UnpackedImage.NAMES) {
            bases.add(UnpackedImage.of(name).tarball().layerDigests().get(0));
        }
        assertEquals(1, Set.copyOf(bases).size(), bases.toString());
    }
}
