package org.ottbalancer.agent;

import io.netty.channel.EventLoopGroup;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ottbalancer.agent.config.AgentConfig;
import org.ottbalancer.agent.config.LoadSignal;
import org.ottbalancer.agent.drain.DrainCoordinator;
import org.ottbalancer.agent.drain.DrainSettings;
import org.ottbalancer.agent.http.AgentApi;
import org.ottbalancer.agent.http.AgentHttpServer;
import org.ottbalancer.agent.http.AgentMetrics;
import org.ottbalancer.agent.http.BearerToken;
import org.ottbalancer.agent.http.Readiness;
import org.ottbalancer.agent.http.Reports;
import org.ottbalancer.agent.relay.BalancerLinks;
import org.ottbalancer.agent.relay.LinkRelayServer;
import org.ottbalancer.agent.relay.MonolithDialer;
import org.ottbalancer.agent.relay.NettyTransport;
import org.ottbalancer.agent.relay.RelayCounters;
import org.ottbalancer.agent.tracking.LoadSource;
import org.ottbalancer.agent.tracking.MonolithMetricsProbe;
import org.ottbalancer.agent.tracking.RoomTracker;
import org.ottbalancer.protocol.agent.AgentReport;
import org.ottbalancer.protocol.agent.DrainReport;
import org.ottbalancer.protocol.agent.DrainRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running monolith agent: the link relay, the HTTP listeners, the tracker and the drain. Start it
 * with {@link #start(AgentConfig)}; {@link #close()} drains first (unless configured not to), like
 * SIGTERM does.
 */
public final class MonolithAgent implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(MonolithAgent.class);

    private final AgentConfig config;
    private final Instant startedAt = Instant.now();
    private final UUID agentId = UUID.randomUUID();
    private final EventLoopGroup boss;
    private final EventLoopGroup workers;
    private final RoomTracker tracker = new RoomTracker();
    private final BalancerLinks links = new BalancerLinks();
    private final AgentMetrics metrics = new AgentMetrics();
    private final DrainCoordinator drain;
    private final Readiness readiness;
    /** Only with {@link LoadSignal#METRICS}. */
    private final MonolithMetricsProbe metricsProbe;
    private final LoadSource loadSource;
    private LinkRelayServer relay;
    private AgentHttpServer http;
    private AgentHttpServer prestop;
    private boolean closed;

    private MonolithAgent(AgentConfig config) {
        this.config = config;
        NettyTransport transport = NettyTransport.detect();
        this.boss = transport.newGroup(1, "agent-accept");
        this.workers = transport.newGroup(0, "agent-io");
        MonolithDialer dialer = new MonolithDialer(transport, config.monolithHost(), config.monolithPort(),
                config.maxFrameBytes());
        this.drain = new DrainCoordinator(config, tracker, links, dialer, workers, agentId, metrics.registry());
        this.readiness = new Readiness(dialer, links, workers);
        if (config.loadSignal() == LoadSignal.METRICS) {
            this.metricsProbe = new MonolithMetricsProbe(config.monolithMetricsUrl(), config.loadMetric(),
                    MonolithMetricsProbe.DEFAULT_TIMEOUT);
            this.loadSource = LoadSource.metrics(metricsProbe);
        } else {
            this.metricsProbe = null;
            this.loadSource = LoadSource.link();
        }
        metrics.bind(tracker, links, drain, readiness, loadSource);
        AgentApi api = new Api();
        try {
            relay = LinkRelayServer.start(transport, boss, workers, config.bindAddress(), config.linkPort(),
                    config.maxFrameBytes(), dialer, tracker, links, new RelayCounters(metrics.registry()), drain);
        } catch (Exception e) {
            stopAll();
            throw new AgentStartException("cannot listen for balancer links on " + config.bindAddress() + ":"
                    + config.linkPort() + ": " + e, e);
        }
        try {
            prestop = AgentHttpServer.prestop(transport, boss, workers, config.prestopBindAddress(), config.prestopPort(), api);
        } catch (Exception e) {
            stopAll();
            throw new AgentStartException("cannot listen for preStop drains on " + config.prestopBindAddress() + ":" + config.prestopPort()
                    + ": " + e, e);
        }
        try {
            http = AgentHttpServer.main(transport, boss, workers, config.bindAddress(), config.httpPort(), api,
                    BearerToken.of(config.drainToken()),
                    "POST /drain without a token is accepted on " + config.prestopBindAddress() + ":" + prestop.port()
                            + " (the preStop listener)");
        } catch (Exception e) {
            stopAll();
            throw new AgentStartException("cannot listen for HTTP on " + config.bindAddress() + ":" + config.httpPort()
                    + ": " + e, e);
        }
        readiness.start();
        if (metricsProbe != null) {
            metricsProbe.start(MonolithMetricsProbe.DEFAULT_INTERVAL);
        }
        LOG.info("monolith agent {} relaying :{} -> {} ({} transport), HTTP :{}, preStop {}:{}, load signal {}{}",
                agentId, relay.port(), dialer.endpoint(), transport.name(), http.port(), config.prestopBindAddress(), prestop.port(),
                config.loadSignal().text(), metricsProbe == null ? ""
                        : " (" + config.loadMetric() + " from " + config.monolithMetricsUrl() + ")");
    }

    /**
     * Binds the link port, the HTTP port and the preStop port and starts relaying.
     *
     * @throws AgentStartException when a port cannot be bound
     */
    public static MonolithAgent start(AgentConfig config) {
        return new MonolithAgent(config);
    }

    public int linkPort() {
        return relay.port();
    }

    public int httpPort() {
        return http.port();
    }

    public int prestopPort() {
        return prestop.port();
    }

    public AgentConfig config() {
        return config;
    }

    /** The same document as {@code GET /report}. */
    public AgentReport report() {
        return Reports.build(tracker.snapshot(System.nanoTime()), drain, links.count(), startedAt, loadSource);
    }

    /**
     * Starts a drain (or joins the running one) and returns a future of its final report, phase
     * {@code done} or {@code failed}.
     */
    public CompletableFuture<DrainReport> drain(DrainRequest request) {
        return drain.start(request);
    }

    /** Progress of the current or last drain, as {@code GET /drain}. */
    public DrainReport drainReport() {
        return drain.report();
    }

    /**
     * Drains first (when {@code drainOnShutdown} is set and the monolith is reachable), waiting at
     * most the drain's deadline, then closes every link and listener. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
        }
        if (config.drainOnShutdown()) {
            drainBeforeStopping();
        }
        stopAll();
        LOG.info("monolith agent {} stopped", agentId);
    }

    private void drainBeforeStopping() {
        if (!readiness.monolithReachable()) {
            LOG.warn("not draining before stopping: the monolith at {} is not reachable", config.monolithEndpoint());
            return;
        }
        CompletableFuture<DrainReport> running = drain.start(DrainRequest.DEFAULTS);
        long waitMillis = DrainSettings.of(DrainRequest.DEFAULTS, config).deadline().toMillis() + 5_000;
        try {
            DrainReport report = running.get(waitMillis, TimeUnit.MILLISECONDS);
            LOG.info("drain before stopping ended {}: {} room(s) moved, {} left", report.phase(), report.roomsMoved(),
                    report.roomsRemaining());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("drain before stopping did not finish: {}", e.toString());
        }
    }

    private void stopAll() {
        readiness.close();
        if (metricsProbe != null) {
            metricsProbe.close();
        }
        for (AutoCloseable c : new AutoCloseable[] {http, prestop, relay}) {
            if (c != null) {
                try {
                    c.close();
                } catch (Exception e) {
                    LOG.debug("closing {} failed: {}", c, e.toString());
                }
            }
        }
        links.closeAll();
        drain.close();
        workers.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        boss.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
    }

    /** The HTTP endpoints' view of the agent. */
    private final class Api implements AgentApi {
        @Override
        public AgentReport report() {
            return MonolithAgent.this.report();
        }

        @Override
        public DrainReport drainReport() {
            return drain.report();
        }

        @Override
        public CompletableFuture<DrainReport> drain(DrainRequest request) {
            return drain.start(request);
        }

        @Override
        public boolean ready() {
            return readiness.monolithReachable();
        }

        @Override
        public String notReadyReason() {
            return readiness.lastError();
        }

        @Override
        public String metrics() {
            return metrics.scrape();
        }
    }
}
