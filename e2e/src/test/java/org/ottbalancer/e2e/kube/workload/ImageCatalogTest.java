package org.ottbalancer.e2e.kube.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Which local jar runs for a container image. */
class ImageCatalogTest {
    private final ImageCatalog catalog = new ImageCatalog(Map.of("ott-balancer", Path.of("/jars/balancer.jar")));

    @Test
    void theRepositorysLastSegmentPicksTheJarWhateverTheRegistryAndTag() {
        assertEquals(Optional.of(Path.of("/jars/balancer.jar")), catalog.jarFor("ghcr.io/ott-balancer/ott-balancer:0.1.0"));
        assertEquals(Optional.of(Path.of("/jars/balancer.jar")), catalog.jarFor("localhost:5000/ott-balancer:e2e-2"));
        assertEquals(Optional.of(Path.of("/jars/balancer.jar")), catalog.jarFor("ott-balancer"));
        assertEquals(Optional.of(Path.of("/jars/balancer.jar")), catalog.jarFor("ghcr.io/x/ott-balancer@sha256:abcd"));
    }

    @Test
    void anImageWithoutALocalBuildHasNoJar() {
        assertEquals(Optional.empty(), catalog.jarFor("redis:7"));
        assertEquals(Optional.empty(), catalog.jarFor("localhost:5000/ott-balancer-fork:1"));
        assertEquals(Optional.empty(), catalog.jarFor(null));
    }

    @Test
    void theImagesJvmAndJarsInAHookBecomeThisHostsJvmAndTheBuildsJars() {
        List<String> hook = List.of("/opt/java/bin/java", "-Xmx24m", "-jar", "/app/ott-balancer.jar", "drain-agent",
                "--url", "http://127.0.0.1:9091");
        List<String> local = catalog.translateImagePaths(hook);
        assertEquals(Path.of(System.getProperty("java.home"), "bin", "java").toString(), local.get(0));
        assertEquals("/jars/balancer.jar", local.get(3));
        assertEquals(hook.subList(4, hook.size()), local.subList(4, local.size()));
    }

    @Test
    void aJarTheBuildDoesNotHaveStaysAsTheImageNamesIt() {
        assertEquals(List.of("/app/other.jar"), catalog.translateImagePaths(List.of("/app/other.jar")));
    }
}
