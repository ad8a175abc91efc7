package org.ottbalancer.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code helm lint --strict} and {@code helm template} over the representative values of
 * src/test/values, and the rejection, with a message naming the problem, of each file in
 * src/test/values/invalid (its first line says {@code # expect: <part of the message>}).
 */
class ChartLintTest {

    static List<Path> validValues() {
        return ChartFiles.valuesFiles(ChartFiles.VALUES);
    }

    static List<Path> invalidValues() {
        return ChartFiles.valuesFiles(ChartFiles.INVALID_VALUES);
    }

    static List<Path> schemaViolations() {
        return invalidValues().stream().filter(p -> ChartFiles.read(p).contains("rejected-by: values.schema.json"))
                .toList();
    }

    @ParameterizedTest
    @MethodSource("validValues")
    void representativeValuesPassStrictLint(Path values) {
        Helm.Result r = Helm.run("lint", "--strict", ChartFiles.CHART.toString(), "-f", values.toString());
        assertEquals(0, r.exitCode(), () -> values.getFileName() + ": " + r.describe());
        assertTrue(r.stdout().contains("0 chart(s) failed"), r::describe);
    }

    @ParameterizedTest
    @MethodSource("validValues")
    void representativeValuesRender(Path values) {
        Manifests m = Manifests.parse(Helm.template(values));
        assertEquals(1, m.ofKind("Deployment").size(), () -> m.summary().toString());
    }

    @ParameterizedTest
    @MethodSource("invalidValues")
    void invalidValuesFailTemplateWithTheirMessage(Path values) {
        Helm.Result r = Helm.run("template", "ott", ChartFiles.CHART.toString(), "-f", values.toString());
        assertNotEquals(0, r.exitCode(), () -> values.getFileName() + " rendered: " + r.describe());
        String expected = expectedMessage(values);
        assertTrue(r.stderr().contains(expected), () -> "expected \"" + expected + "\" in " + r.describe());
    }

    @ParameterizedTest
    @MethodSource("schemaViolations")
    void schemaViolationsFailStrictLint(Path values) {
        Helm.Result r = Helm.run("lint", "--strict", ChartFiles.CHART.toString(), "-f", values.toString());
        assertNotEquals(0, r.exitCode(), () -> values.getFileName() + " passed lint: " + r.describe());
        String expected = expectedMessage(values);
        assertTrue(r.stdout().contains(expected) || r.stderr().contains(expected),
                () -> "expected \"" + expected + "\" in " + r.describe());
    }

    private static String expectedMessage(Path values) {
        String first = ChartFiles.read(values).lines().findFirst().orElse("");
        if (!first.startsWith("# expect: ")) {
            throw new AssertionError(values + " must start with \"# expect: <part of the error message>\"");
        }
        return first.substring("# expect: ".length()).strip();
    }
}
