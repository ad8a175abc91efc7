package org.ottbalancer.images;

import java.nio.file.Path;

/** What runtime-image/pom.xml passes to the tests as system properties. */
final class BuildSettings {
    private BuildSettings() {
    }

    static Path imagesDirectory() {
        return path("images.dir");
    }

    static Path baseImage() {
        return path("images.base");
    }

    static Path workDirectory() {
        return path("images.work");
    }

    static Path repositoryRoot() {
        return path("images.repositoryRoot");
    }

    static String registry() {
        return required("images.registry");
    }

    static String tag() {
        return required("images.tag");
    }

    static String jreModules() {
        return required("images.jreModules");
    }

    private static Path path(String property) {
        return Path.of(required(property)).toAbsolutePath().normalize();
    }

    private static String required(String property) {
        String value = System.getProperty(property);
        if (value == null || value.isBlank()) {
            throw new IllegalStateException("system property " + property + " is not set; run the image tests through Maven "
                    + "(mvn -pl runtime-image verify), which sets it");
        }
        return value;
    }
}
