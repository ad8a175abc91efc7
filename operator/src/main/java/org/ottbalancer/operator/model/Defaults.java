package org.ottbalancer.operator.model;

/**
 * Every default of the {@code OttCluster} spec in one place, so the CRD's OpenAPI defaults (shown
 * by {@code kubectl explain}, applied by the API server) and the operator's own fallbacks (needed for
 * specs written before a default existed, and against API servers that do not default) agree.
 * Annotation values must be compile-time constants, hence the string twins of the numbers.
 */
public final class Defaults {
    public static final String IMAGE_REGISTRY = "ghcr.io/ott-balancer/";
    public static final String MONOLITH_IMAGE_NAME = "ott-sample-monolith";
    public static final String AGENT_IMAGE_NAME = "ott-monolith-agent";
    public static final String BALANCER_IMAGE_NAME = "ott-balancer";

    public static final int MONOLITH_REPLICAS = 1;
    public static final String MONOLITH_REPLICAS_TEXT = "1";
    public static final int MONOLITH_HTTP_PORT = 3000;
    public static final String MONOLITH_HTTP_PORT_TEXT = "3000";
    public static final int MONOLITH_BALANCING_PORT = 3002;
    public static final String MONOLITH_BALANCING_PORT_TEXT = "3002";
    public static final String MONOLITH_PROBE_PATH = "/api/status";

    public static final int AGENT_LINK_PORT = 3003;
    public static final String AGENT_LINK_PORT_TEXT = "3003";
    public static final int AGENT_HTTP_PORT = 9090;
    public static final String AGENT_HTTP_PORT_TEXT = "9090";
    /** The agent's token-free drain listener; always on 127.0.0.1, so not configurable per cluster. */
    public static final int AGENT_PRESTOP_PORT = 9091;
    public static final String LOAD_SIGNAL_TEXT = "link";
    /** The event-loop lag gauge prom-client exports and OpenTogetherTube serves on its /metrics. */
    public static final String LOAD_METRIC = "nodejs_eventloop_lag_seconds";
    public static final String PROMETHEUS_METRIC_NAME_PATTERN = "^[a-zA-Z_:][a-zA-Z0-9_:]*$";

    public static final int BALANCER_REPLICAS = 1;
    public static final String BALANCER_REPLICAS_TEXT = "1";
    public static final int BALANCER_PORT = 8081;
    public static final String BALANCER_PORT_TEXT = "8081";
    public static final int BALANCER_SERVICE_PORT = 80;
    public static final String BALANCER_SERVICE_PORT_TEXT = "80";
    public static final String BALANCER_SERVICE_TYPE_TEXT = "ClusterIP";
    public static final String SELECTION_STRATEGY_TEXT = "MinRooms";

    public static final String DRAIN_DEADLINE = "300s";
    public static final int DRAIN_PACE = 1;
    public static final String DRAIN_PACE_TEXT = "1";
    public static final String VICTIM_POLICY_TEXT = "FewestUsers";

    public static final String NETWORK_POLICY_ENABLED_TEXT = "true";

    private Defaults() {
    }
}
