package org.ottbalancer.e2e.kube.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RealClusterOptionsTest {
    @TempDir
    Path dir;

    private Properties props(String... keyValues) {
        Properties p = new Properties();
        for (int i = 0; i < keyValues.length; i += 2) {
            p.setProperty(keyValues[i], keyValues[i + 1]);
        }
        return p;
    }

    private Path kubeconfig() throws Exception {
        return Files.writeString(dir.resolve("config"), "apiVersion: v1\nkind: Config\n");
    }

    @Test
    void aKubeconfigInTheEnvironmentAloneNeverSelectsTheRealCluster() throws Exception {
        Optional<RealClusterOptions> o = RealClusterOptions.from(props(), Map.of("KUBECONFIG", kubeconfig().toString()));
        assertTrue(o.isEmpty());
    }

    @Test
    void aKubeconfigPropertyWithoutTheOptInDoesNotSelectItEither() throws Exception {
        assertTrue(RealClusterOptions.from(props("ott.e2e.kubeconfig", kubeconfig().toString()), Map.of()).isEmpty());
    }

    @Test
    void theOptInRunsAgainstTheKubeconfigPropertyBeforeTheEnvironment() throws Exception {
        Path other = Files.writeString(dir.resolve("other"), "x");
        RealClusterOptions o = RealClusterOptions.from(props("ott.e2e.realCluster", "true", "ott.e2e.kubeconfig", kubeconfig().toString()),
                Map.of("KUBECONFIG", other.toString())).orElseThrow();
        assertEquals(kubeconfig(), o.kubeconfig());
    }

    @Test
    void theOptInFallsBackToTheKubeconfigEnvironmentVariable() throws Exception {
        RealClusterOptions o = RealClusterOptions.from(props("ott.e2e.realCluster", "true"),
                Map.of("KUBECONFIG", kubeconfig().toString())).orElseThrow();
        assertEquals(kubeconfig(), o.kubeconfig());
        assertEquals("ott-e2e", o.namespace());
        assertEquals("ghcr.io/ott-balancer", o.registry());
        assertEquals("none", o.imageLoad().kind());
    }

    @Test
    void theOptInWithoutAKubeconfigIsAnErrorNamingBothWaysToGiveOne() {
        var e = assertThrows(IllegalArgumentException.class, () -> RealClusterOptions.from(props("ott.e2e.realCluster", "true"), Map.of()));
        assertTrue(e.getMessage().contains("-Dott.e2e.kubeconfig") && e.getMessage().contains("KUBECONFIG"), e.getMessage());
    }

    @Test
    void aListOfKubeconfigsMustBeNarrowedToOneFile() {
        var e = assertThrows(IllegalArgumentException.class, () -> RealClusterOptions.from(props("ott.e2e.realCluster", "true"),
                Map.of("KUBECONFIG", "/a/config:/b/config")));
        assertTrue(e.getMessage().contains("-Dott.e2e.kubeconfig"), e.getMessage());
    }

    @Test
    void aMissingKubeconfigFileIsNamed() {
        var e = assertThrows(IllegalArgumentException.class, () -> RealClusterOptions.from(
                props("ott.e2e.realCluster", "true", "ott.e2e.kubeconfig", dir.resolve("nope").toString()), Map.of()));
        assertTrue(e.getMessage().contains("nope"), e.getMessage());
    }

    @Test
    void theSkipMessageSaysHowToRunTheSuite() {
        assertTrue(RealClusterOptions.HOW_TO_RUN.contains("-Dott.e2e.realCluster=true"));
        assertTrue(RealClusterOptions.HOW_TO_RUN.contains("-Dit.test=OttClusterOnRealKubeIT"));
        assertTrue(RealClusterOptions.HOW_TO_RUN.contains("KUBECONFIG"));
    }

    @Test
    void imageLoadingNamesKindOrK3dClustersAndRejectsAnythingElse() {
        assertEquals(new ImageLoading.Mode("kind", "kind"), ImageLoading.Mode.parse("kind"));
        assertEquals(new ImageLoading.Mode("kind", "ott"), ImageLoading.Mode.parse("kind:ott"));
        assertEquals(new ImageLoading.Mode("k3d", "k3s-default"), ImageLoading.Mode.parse("k3d"));
        assertEquals(new ImageLoading.Mode("registry", ""), ImageLoading.Mode.parse("registry"));
        var e = assertThrows(IllegalArgumentException.class, () -> ImageLoading.Mode.parse("docker"));
        assertTrue(e.getMessage().contains("kind[:cluster]"), e.getMessage());
    }

    @Test
    void toolsAreLookedUpOnTheGivenPath() throws Exception {
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path helm = Files.writeString(bin.resolve("helm"), "#!/bin/sh\n");
        helm.toFile().setExecutable(true);
        RealClusterOptions o = RealClusterOptions.from(props("ott.e2e.realCluster", "true", "ott.e2e.kubeconfig", kubeconfig().toString()),
                Map.of("PATH", dir.resolve("empty") + ":" + bin)).orElseThrow();
        assertEquals(helm, o.tool("helm"));
        var e = assertThrows(IllegalStateException.class, () -> o.tool("kind"));
        assertTrue(e.getMessage().contains("kind is not on the PATH"), e.getMessage());
    }
}
