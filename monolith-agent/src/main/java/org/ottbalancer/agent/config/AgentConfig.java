package org.ottbalancer.agent.config;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the agent needs to run. Port 0 means "any free port" (tests read the bound port back
 * from the running agent).
 *
 * @param bindAddress address the link and HTTP listeners bind to ({@code 0.0.0.0} in a pod)
 * @param linkPort port balancers dial instead of the monolith's balancing port
 * @param httpPort port of {@code /report}, {@code /drain}, health and metrics
 * @param prestopPort port of the token-free drain listener
 * @param prestopBindAddress address of that listener: 127.0.0.1 (the default) so that only processes
 *     sharing the pod's network can reach it; a harness that gives each pod its own loopback address
 *     sets that address instead
 * @param monolithHost host of the monolith's balancing port
 * @param monolithPort the monolith's balancing port
 * @param drainToken bearer token that {@code POST /drain} on the HTTP port requires; empty disables it
 * @param saveDelay how long the monolith waits before it saves a changed room (OTT: about 5 s)
 * @param settleMargin added to {@code saveDelay} to get the default settle time
 * @param drainDeadline default time a drain may take before it is declared failed
 * @param drainConcurrency default number of rooms moved at the same time
 * @param unloadTimeout how long to wait for {@code unloaded} after sending {@code unload}
 * @param maxFrameBytes largest WebSocket message relayed (must not be stricter than the monolith)
 * @param drainOnShutdown whether {@code close()} (and so SIGTERM) drains before stopping
 * @param loadSignal what the published load score is built from
 * @param monolithMetricsUrl the monolith's Prometheus endpoint, scraped with {@link LoadSignal#METRICS}
 * @param loadMetric the event-loop lag gauge (seconds) read from that endpoint
 */
public record AgentConfig(
        String bindAddress,
        int linkPort,
        int httpPort,
        int prestopPort,
        String prestopBindAddress,
        String monolithHost,
        int monolithPort,
        Optional<String> drainToken,
        Duration saveDelay,
        Duration settleMargin,
        Duration drainDeadline,
        int drainConcurrency,
        Duration unloadTimeout,
        int maxFrameBytes,
        boolean drainOnShutdown,
        LoadSignal loadSignal,
        URI monolithMetricsUrl,
        String loadMetric) {

    public static final int DEFAULT_LINK_PORT = 3003;
    public static final int DEFAULT_HTTP_PORT = 9090;
    public static final int DEFAULT_PRESTOP_PORT = 9091;
    public static final String DEFAULT_PRESTOP_BIND_ADDRESS = "127.0.0.1";
    public static final int DEFAULT_MONOLITH_PORT = 3002;
    public static final int DEFAULT_MAX_FRAME_BYTES = 16 * 1024 * 1024;
    /** OTT serves its Prometheus metrics on its HTTP port, next to the agent in the pod. */
    public static final URI DEFAULT_MONOLITH_METRICS_URL = URI.create("http://127.0.0.1:3000/metrics");
    /** The event-loop lag gauge that prom-client's default metrics export. */
    public static final String DEFAULT_LOAD_METRIC = "nodejs_eventloop_lag_seconds";
    private static final java.util.regex.Pattern METRIC_NAME = java.util.regex.Pattern.compile("[a-zA-Z_:][a-zA-Z0-9_:]*");

    public AgentConfig {
        Objects.requireNonNull(bindAddress, "bindAddress");
        Objects.requireNonNull(prestopBindAddress, "prestopBindAddress");
        Objects.requireNonNull(monolithHost, "monolithHost");
        Objects.requireNonNull(drainToken, "drainToken");
        checkPort("link port", linkPort);
        checkPort("http port", httpPort);
        checkPort("prestop port", prestopPort);
        checkPort("monolith port", monolithPort);
        if (monolithPort == 0) {
            throw new ConfigException("monolith port must not be 0");
        }
        if (drainToken.isPresent() && drainToken.get().isEmpty()) {
            drainToken = Optional.empty();
        }
        checkNotNegative("save delay", saveDelay);
        checkNotNegative("settle margin", settleMargin);
        checkPositive("drain deadline", drainDeadline);
        checkPositive("unload timeout", unloadTimeout);
        if (drainConcurrency < 1) {
            throw new ConfigException("drain concurrency must be at least 1, got " + drainConcurrency);
        }
        if (maxFrameBytes < 1024) {
            throw new ConfigException("max frame bytes must be at least 1024, got " + maxFrameBytes);
        }
        Objects.requireNonNull(loadSignal, "loadSignal");
        Objects.requireNonNull(monolithMetricsUrl, "monolithMetricsUrl");
        Objects.requireNonNull(loadMetric, "loadMetric");
        String scheme = monolithMetricsUrl.getScheme();
        if (!("http".equalsIgnoreCase(scheme) || "https".equalsIgnoreCase(scheme)) || monolithMetricsUrl.getHost() == null) {
            throw new ConfigException("monolith metrics URL must be an http(s) URL with a host, got \""
                    + monolithMetricsUrl + "\"");
        }
        if (!METRIC_NAME.matcher(loadMetric).matches()) {
            throw new ConfigException("load metric must be a Prometheus metric name such as " + DEFAULT_LOAD_METRIC
                    + ", got \"" + loadMetric + "\"");
        }
    }

    /** Default settle time: a room quiet for this long has certainly been saved by the monolith. */
    public Duration settle() {
        return saveDelay.plus(settleMargin);
    }

    public String monolithEndpoint() {
        return (monolithHost.indexOf(':') >= 0 ? "[" + monolithHost + "]" : monolithHost) + ":" + monolithPort;
    }

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        Builder b = new Builder();
        b.bindAddress = bindAddress;
        b.linkPort = linkPort;
        b.httpPort = httpPort;
        b.prestopPort = prestopPort;
        b.prestopBindAddress = prestopBindAddress;
        b.monolithHost = monolithHost;
        b.monolithPort = monolithPort;
        b.drainToken = drainToken.orElse(null);
        b.saveDelay = saveDelay;
        b.settleMargin = settleMargin;
        b.drainDeadline = drainDeadline;
        b.drainConcurrency = drainConcurrency;
        b.unloadTimeout = unloadTimeout;
        b.maxFrameBytes = maxFrameBytes;
        b.drainOnShutdown = drainOnShutdown;
        b.loadSignal = loadSignal;
        b.monolithMetricsUrl = monolithMetricsUrl;
        b.loadMetric = loadMetric;
        return b;
    }

    /** Never prints the token. */
    @Override
    public String toString() {
        return "AgentConfig[bind=" + bindAddress + ", linkPort=" + linkPort + ", httpPort=" + httpPort
                + ", prestop=" + prestopBindAddress + ":" + prestopPort + ", monolith=" + monolithEndpoint()
                + ", drainToken=" + (drainToken.isPresent() ? "set" : "none") + ", saveDelay=" + saveDelay
                + ", settleMargin=" + settleMargin + ", drainDeadline=" + drainDeadline
                + ", drainConcurrency=" + drainConcurrency + ", unloadTimeout=" + unloadTimeout
                + ", maxFrameBytes=" + maxFrameBytes + ", drainOnShutdown=" + drainOnShutdown
                + ", loadSignal=" + loadSignal.text() + ", monolithMetricsUrl=" + monolithMetricsUrl
                + ", loadMetric=" + loadMetric + "]";
    }

    private static void checkPort(String what, int port) {
        if (port < 0 || port > 65535) {
            throw new ConfigException(what + " must be between 0 and 65535, got " + port);
        }
    }

    private static void checkNotNegative(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative()) {
            throw new ConfigException(what + " must not be negative, got " + d);
        }
    }

    private static void checkPositive(String what, Duration d) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new ConfigException(what + " must be positive, got " + d);
        }
    }

    /** Starts from the production defaults. */
    public static final class Builder {
        private String bindAddress = "0.0.0.0";
        private int linkPort = DEFAULT_LINK_PORT;
        private int httpPort = DEFAULT_HTTP_PORT;
        private int prestopPort = DEFAULT_PRESTOP_PORT;
        private String prestopBindAddress = DEFAULT_PRESTOP_BIND_ADDRESS;
        private String monolithHost = "127.0.0.1";
        private int monolithPort = DEFAULT_MONOLITH_PORT;
        private String drainToken;
        private Duration saveDelay = Duration.ofSeconds(5);
        private Duration settleMargin = Duration.ofSeconds(2);
        private Duration drainDeadline = Duration.ofSeconds(120);
        private int drainConcurrency = 16;
        private Duration unloadTimeout = Duration.ofSeconds(10);
        private int maxFrameBytes = DEFAULT_MAX_FRAME_BYTES;
        private boolean drainOnShutdown = true;
        private LoadSignal loadSignal = LoadSignal.LINK;
        private URI monolithMetricsUrl = DEFAULT_MONOLITH_METRICS_URL;
        private String loadMetric = DEFAULT_LOAD_METRIC;

        private Builder() {
        }

        public Builder bindAddress(String v) {
            bindAddress = v;
            return this;
        }

        public Builder linkPort(int v) {
            linkPort = v;
            return this;
        }

        public Builder httpPort(int v) {
            httpPort = v;
            return this;
        }

        public Builder prestopPort(int v) {
            prestopPort = v;
            return this;
        }

        public Builder prestopBindAddress(String v) {
            prestopBindAddress = v;
            return this;
        }

        public Builder monolith(String host, int port) {
            monolithHost = host;
            monolithPort = port;
            return this;
        }

        /** {@code null} or empty: no token, {@code POST /drain} on the HTTP port is refused. */
        public Builder drainToken(String v) {
            drainToken = v;
            return this;
        }

        public Builder saveDelay(Duration v) {
            saveDelay = v;
            return this;
        }

        public Builder settleMargin(Duration v) {
            settleMargin = v;
            return this;
        }

        public Builder drainDeadline(Duration v) {
            drainDeadline = v;
            return this;
        }

        public Builder drainConcurrency(int v) {
            drainConcurrency = v;
            return this;
        }

        public Builder unloadTimeout(Duration v) {
            unloadTimeout = v;
            return this;
        }

        public Builder maxFrameBytes(int v) {
            maxFrameBytes = v;
            return this;
        }

        public Builder drainOnShutdown(boolean v) {
            drainOnShutdown = v;
            return this;
        }

        public Builder loadSignal(LoadSignal v) {
            loadSignal = v;
            return this;
        }

        public Builder monolithMetricsUrl(URI v) {
            monolithMetricsUrl = v;
            return this;
        }

        public Builder loadMetric(String v) {
            loadMetric = v;
            return this;
        }

        public AgentConfig build() {
            return new AgentConfig(bindAddress, linkPort, httpPort, prestopPort, prestopBindAddress, monolithHost, monolithPort,
                    Optional.ofNullable(drainToken), saveDelay, settleMargin, drainDeadline, drainConcurrency,
                    unloadTimeout, maxFrameBytes, drainOnShutdown, loadSignal, monolithMetricsUrl, loadMetric);
        }
    }
}
