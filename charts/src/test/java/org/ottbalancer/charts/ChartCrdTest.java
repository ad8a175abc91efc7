package org.ottbalancer.charts;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The chart ships the generated CRD unchanged, and its versions follow the Maven project's. */
class ChartCrdTest {
    private static final Pattern VERSION = Pattern.compile("(?m)^version:\\s*(\\S+)\\s*$");
    private static final Pattern APP_VERSION = Pattern.compile("(?m)^appVersion:\\s*\"?([^\"\\s]+)\"?\\s*$");

    @Test
    void chartCrdIsByteIdenticalToTheGeneratedOne() throws IOException {
        assertArrayEquals(Files.readAllBytes(ChartFiles.GENERATED_CRD), Files.readAllBytes(ChartFiles.CHART_CRD),
                "charts/ott-balancer/crds/ differs from crds/; refresh both with "
                        + "`mvn -pl operator,charts -am process-test-resources -Pupdate-crd`");
    }

    @Test
    void chartVersionAndAppVersionAreTheProjectVersion() {
        String project = System.getProperty("project.version");
        String chart = ChartFiles.read(ChartFiles.CHART.resolve("Chart.yaml"));
        assertEquals(project, group(VERSION.matcher(chart)), "Chart.yaml version");
        assertEquals(project, group(APP_VERSION.matcher(chart)), "Chart.yaml appVersion (the operator image tag)");
    }

    private static String group(Matcher m) {
        return m.find() ? m.group(1) : null;
    }
}
