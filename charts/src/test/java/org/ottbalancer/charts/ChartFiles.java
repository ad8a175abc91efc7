package org.ottbalancer.charts;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Where the chart, its test values and the repository's generated CRD are, seen from charts/. */
final class ChartFiles {
    static final Path CHART = Path.of("ott-balancer").toAbsolutePath();
    static final Path VALUES = Path.of("src/test/values").toAbsolutePath();
    static final Path INVALID_VALUES = VALUES.resolve("invalid");
    static final Path CRD_FILE_NAME = Path.of("ottclusters.ottbalancer.org-v1.yml");
    static final Path GENERATED_CRD = Path.of("../crds").resolve(CRD_FILE_NAME).toAbsolutePath().normalize();
    static final Path CHART_CRD = CHART.resolve("crds").resolve(CRD_FILE_NAME);
    static final Path DASHBOARD = CHART.resolve("dashboards/ott-balancer.json");
    static final Path FETCH_HELM = Path.of("tools/fetch-helm").toAbsolutePath();

    private ChartFiles() {
    }

    /** The values files directly in {@code directory}, sorted by name. */
    static List<Path> valuesFiles(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
