package org.ottbalancer.operator.dependent;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code prometheus.io/*} pod annotations that annotation-based Prometheus scrape configurations
 * follow. A pod names one endpoint: the balancer's metrics, the agent's on monolith pods (the
 * monolith's own {@code /metrics} needs a PodMonitor). The user's pod annotations override them.
 */
final class ScrapeAnnotations {
    static final String SCRAPE = "prometheus.io/scrape";
    static final String PORT = "prometheus.io/port";
    static final String PATH = "prometheus.io/path";
    /** Where the balancer serves its metrics, on its one port. */
    static final String BALANCER_METRICS_PATH = "/api/status/metrics";
    /** Where the agent serves its metrics, on its HTTP port. */
    static final String AGENT_METRICS_PATH = "/metrics";

    private ScrapeAnnotations() {
    }

    static Map<String, String> of(int port, String path) {
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(SCRAPE, "true");
        annotations.put(PORT, Integer.toString(port));
        annotations.put(PATH, path);
        return annotations;
    }
}
