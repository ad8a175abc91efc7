package org.ottbalancer.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The jlink runtime holds every JDK module an application jar uses, as jdeps finds them; a new
 * dependency that needs another module fails here instead of with NoClassDefFoundError in a pod.
 */
class JreCoversApplicationsIT {
    @ParameterizedTest
    @CsvSource({
        "ott-balancer, balancer/target/ott-balancer.jar",
        "ott-sample-monolith, sample-monolith/target/ott-sample-monolith.jar",
        "ott-monolith-agent, monolith-agent/target/ott-monolith-agent.jar",
        "ott-operator, operator/target/ott-operator.jar"})
    void theRuntimeHasEveryModuleTheJarNeeds(String image, String jar) throws IOException {
        Path jarPath = BuildSettings.repositoryRoot().resolve(jar);
        assertTrue(Files.isRegularFile(jarPath), jarPath + " is missing: package the application first");
        String jdeps = Path.of(System.getProperty("java.home"), "bin", "jdeps").toString();
        String out = Commands.run(List.of(jdeps, "--multi-release", "17", "--ignore-missing-deps", "--print-module-deps", jarPath.toString()));
        Set<String> needed = new TreeSet<>(Arrays.asList(out.lines().reduce((a, b) -> b).orElse("").trim().split(",")));

        Set<String> inRuntime = runtimeModules(UnpackedImage.of(image).rootfs());
        Set<String> missing = new TreeSet<>(needed);
        missing.removeAll(inRuntime);
        assertEquals(Set.of(), missing, "add them to image.jre.modules in runtime-image/pom.xml");
    }

    /** The MODULES line that jlink writes into the runtime's release file. */
    private static Set<String> runtimeModules(Path rootfs) throws IOException {
        for (String line : Files.readAllLines(rootfs.resolve("opt/java/release"))) {
            if (line.startsWith("MODULES=")) {
                return new TreeSet<>(Arrays.asList(line.substring("MODULES=".length()).replace("\"", "").trim().split("\\s+")));
            }
        }
        throw new AssertionError("no MODULES line in " + rootfs.resolve("opt/java/release"));
    }
}
