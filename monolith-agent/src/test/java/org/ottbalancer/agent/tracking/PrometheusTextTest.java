package org.ottbalancer.agent.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.ottbalancer.agent.support.FakeMetricsEndpoint;

class PrometheusTextTest {
    private static final String LAG = "nodejs_eventloop_lag_seconds";

    @Test
    void readsTheNamedGaugeOutOfARealisticExposition() {
        assertEquals(OptionalDouble.of(0.0123), PrometheusText.sum(FakeMetricsEndpoint.ottExposition("0.0123"), LAG));
    }

    @Test
    void metricsWhoseNamesStartTheSameAreNotTheMetric() {
        String text = "nodejs_eventloop_lag_seconds_total 9\nnodejs_eventloop_lag_min_seconds 4\n";
        assertEquals(OptionalDouble.empty(), PrometheusText.sum(text, LAG));
    }

    @Test
    void samplesOfEveryLabelSetAreSummed() {
        String text = "# TYPE lag gauge\n"
                + "lag{worker=\"0\",note=\"a \\\"quoted\\\" } brace\"} 0.25\n"
                + "lag{worker=\"1\"} 0.5 1700000000000\n"
                + "other{lag=\"9\"} 9\n";
        assertEquals(OptionalDouble.of(0.75), PrometheusText.sum(text, "lag"));
    }

    @Test
    void commentsAndCarriageReturnsAreIgnored() {
        String text = "# lag 5\r\n#HELP lag x\r\nlag 2e-3\r\n";
        assertEquals(OptionalDouble.of(0.002), PrometheusText.sum(text, "lag"));
    }

    @Test
    void nanAndInfinitySamplesReachTheCaller() {
        assertTrue(Double.isNaN(PrometheusText.sum("lag NaN\n", "lag").getAsDouble()));
        assertEquals(Double.POSITIVE_INFINITY, PrometheusText.sum("lag +Inf\n", "lag").getAsDouble());
        assertEquals(Double.NEGATIVE_INFINITY, PrometheusText.sum("lag -Inf\n", "lag").getAsDouble());
    }

    @Test
    void aMissingMetricIsEmpty() {
        assertEquals(OptionalDouble.empty(), PrometheusText.sum("<html>Not here</html>", LAG));
    }

    @Test
    void aSampleOfTheMetricWithoutANumberIsMalformed() {
        assertThrows(PrometheusText.MalformedSampleException.class, () -> PrometheusText.sum("lag fast\n", "lag"));
        assertThrows(PrometheusText.MalformedSampleException.class, () -> PrometheusText.sum("lag\n", "lag"));
        assertThrows(PrometheusText.MalformedSampleException.class, () -> PrometheusText.sum("lag{a=\"1\" 2\n", "lag"));
        assertThrows(PrometheusText.MalformedSampleException.class, () -> PrometheusText.sum("lag 1d\n", "lag"));
    }
}
