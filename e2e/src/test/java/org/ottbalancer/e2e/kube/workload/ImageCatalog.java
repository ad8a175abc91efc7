package org.ottbalancer.e2e.kube.workload;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What runs for a container image: the project's images are built by Jib from the modules' jars, so
 * locally the same jar runs instead. The repository's last path segment picks the jar
 * ({@code ghcr.io/ott-balancer/ott-balancer:0.1.0} and {@code example/ott-balancer:v2} both run the
 * balancer); the tag is ignored, which lets a test roll out a "new image" of the same code.
 *
 * <p>Exec hooks name files inside the image (runtime-image/ lays them out: the JVM at
 * {@value #IMAGE_JAVA}, each jar at {@code /app/<repository name>.jar}); {@link #translateImagePaths}
 * maps those to this host's JVM and the build's jars.
 */
public final class ImageCatalog {
    private final Map<String, Path> jars;

    public ImageCatalog(Map<String, Path> jarsByRepositoryName) {
        this.jars = Map.copyOf(jarsByRepositoryName);
    }

    /** The catalog of the three runnable images, from the jars the build put in the modules' target directories. */
    public static ImageCatalog fromBuild() {
        return new ImageCatalog(Map.of(
                "ott-balancer", jar("ott.balancerJar", "../balancer/target/ott-balancer.jar"),
                "ott-monolith-agent", jar("ott.agentJar", "../monolith-agent/target/ott-monolith-agent.jar"),
                "ott-sample-monolith", jar("ott.sampleMonolithJar", "../sample-monolith/target/ott-sample-monolith.jar")));
    }

    static Path jar(String property, String fallback) {
        Path p = Path.of(System.getProperty(property, fallback)).toAbsolutePath().normalize();
        if (!Files.isRegularFile(p)) {
            throw new IllegalStateException(p + " is missing: build the jars first (`mvn -pl e2e -am package -DskipTests`)");
        }
        return p;
    }

    static final String IMAGE_JAVA = "/opt/java/bin/java";
    private static final String IMAGE_APP_DIR = "/app/";

    /** A command as the image would run it, with the image's JVM and jars replaced by this host's. */
    public List<String> translateImagePaths(List<String> command) {
        List<String> out = new ArrayList<>(command.size());
        for (String arg : command) {
            out.add(translateImagePath(arg));
        }
        return out;
    }

    private String translateImagePath(String arg) {
        if (arg.equals(IMAGE_JAVA)) {
            return Path.of(System.getProperty("java.home"), "bin", "java").toString();
        }
        if (arg.startsWith(IMAGE_APP_DIR) && arg.endsWith(".jar")) {
            Path jar = jars.get(arg.substring(IMAGE_APP_DIR.length(), arg.length() - ".jar".length()));
            if (jar != null) {
                return jar.toString();
            }
        }
        return arg;
    }

    public Optional<Path> jarFor(String image) {
        if (image == null) {
            return Optional.empty();
        }
        String repository = image;
        int digest = repository.indexOf('@');
        if (digest >= 0) {
            repository = repository.substring(0, digest);
        }
        int slash = repository.lastIndexOf('/');
        int colon = repository.lastIndexOf(':');
        if (colon > slash) {
            repository = repository.substring(0, colon);
        }
        String name = repository.substring(slash + 1);
        return Optional.ofNullable(jars.get(name));
    }
}
