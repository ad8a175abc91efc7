package org.ottbalancer.operator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class HealthServerTest {
    private static HttpResponse<String> get(HealthServer server, String path) throws Exception {
        return HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void readyzFollowsTheOperatorsReadinessWhileHealthzStaysUp() throws Exception {
        AtomicBoolean ready = new AtomicBoolean(false);
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        try (HealthServer server = HealthServer.start(0, ready::get, metrics)) {
            assertEquals(200, get(server, "/healthz").statusCode());
            assertEquals(503, get(server, "/readyz").statusCode());
            ready.set(true);
            assertEquals(200, get(server, "/readyz").statusCode());
        }
    }

    @Test
    void metricsAreServedInPrometheusTextFormat() throws Exception {
        PrometheusMeterRegistry metrics = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        metrics.counter("ott.operator.test").increment();
        try (HealthServer server = HealthServer.start(0, () -> true, metrics)) {
            HttpResponse<String> r = get(server, "/metrics");
            assertEquals(200, r.statusCode());
            assertTrue(r.body().contains("ott_operator_test_total 1.0"), r.body());
        }
    }

    @Test
    void unknownPathsAreNotFound() throws Exception {
        try (HealthServer server = HealthServer.start(0, () -> true,
                new PrometheusMeterRegistry(PrometheusConfig.DEFAULT))) {
            assertEquals(404, get(server, "/healthz/extra").statusCode());
        }
    }
}
