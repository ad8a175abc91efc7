package org.ottbalancer.e2e.kube.real;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The images {@code mvn verify} built ({@code runtime-image/target/images/<name>.tar} and the
 * {@code <name>.json} Jib writes next to it), renamed into {@code registry}. The sample monolith gets
 * two more names, {@code :e2e-1} and {@code :e2e-2}: the rolling-update scenario rolls from one to the
 * other, which must be different references of the same code.
 */
public record BuiltImages(String registry, String tag, List<Image> all) {
    public static final String OPERATOR = "ott-operator";
    public static final String BALANCER = "ott-balancer";
    public static final String AGENT = "ott-monolith-agent";
    public static final String MONOLITH = "ott-sample-monolith";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** One archive and every name it must be known by in the cluster (the first is its own tag). */
    public record Image(String name, Path archive, List<String> references) {
    }

    public static BuiltImages read(Path dir, String registry) throws IOException {
        String tag = null;
        List<Image> all = new ArrayList<>();
        for (String name : List.of(OPERATOR, BALANCER, AGENT, MONOLITH)) {
            Path archive = dir.resolve(name + ".tar");
            Path json = dir.resolve(name + ".json");
            if (!Files.isRegularFile(archive) || !Files.isRegularFile(json)) {
                throw new IllegalStateException(archive + " or " + json.getFileName()
                        + " is missing: build the images first (mvn -B -pl runtime-image -am package -DskipTests)");
            }
            String image = JSON.readTree(json.toFile()).path("image").asText();
            String imageTag = image.substring(image.lastIndexOf(':') + 1);
            if (tag != null && !tag.equals(imageTag)) {
                throw new IllegalStateException("the images in " + dir + " are of different builds: " + tag + " and " + imageTag);
            }
            tag = imageTag;
            List<String> refs = new ArrayList<>(List.of(registry + "/" + name + ":" + imageTag));
            if (name.equals(MONOLITH)) {
                refs.add(monolith(registry, 1));
                refs.add(monolith(registry, 2));
            }
            all.add(new Image(name, archive, List.copyOf(refs)));
        }
        return new BuiltImages(registry, tag, List.copyOf(all));
    }

    static String monolith(String registry, int generation) {
        return registry + "/" + MONOLITH + ":e2e-" + generation;
    }

    public String reference(String name) {
        return registry + "/" + name + ":" + tag;
    }

    public String monolith(int generation) {
        return monolith(registry, generation);
    }
}
