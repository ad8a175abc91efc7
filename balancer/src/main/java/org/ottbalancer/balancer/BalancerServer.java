package org.ottbalancer.balancer;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.EventExecutor;
import java.net.InetSocketAddress;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.ottbalancer.balancer.config.BalancerConfig;
import org.ottbalancer.balancer.config.Limits;
import org.ottbalancer.balancer.discovery.Discoverer;
import org.ottbalancer.balancer.discovery.Discoverers;
import org.ottbalancer.balancer.http.FrontendHandler;
import org.ottbalancer.balancer.http.FrontendInitializer;
import org.ottbalancer.balancer.metrics.BalancerMetrics;
import org.ottbalancer.balancer.net.Transport;
import org.ottbalancer.balancer.observe.StateEvents;
import org.ottbalancer.balancer.proxy.HttpProxy;
import org.ottbalancer.balancer.routing.Placement;
import org.ottbalancer.balancer.routing.SelectionStrategies;
import org.ottbalancer.balancer.state.BalancerState;
import org.ottbalancer.balancer.state.RoomCreationObserver;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A running balancer: the client-facing server, monolith links, discovery and metrics. */
public final class BalancerServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(BalancerServer.class);

    private final UUID id = UUID.randomUUID();
    private final BalancerConfig config;
    private final BalancerMetrics metrics = new BalancerMetrics();
    private final EventLoopGroup acceptGroup;
    private final EventLoopGroup ioGroup;
    private final EventExecutor control;
    private final DnsAddressResolverGroup resolver;
    private final HttpProxy proxy;
    private final BalancerState state;
    private final Discoverer discoverer;
    private final Channel serverChannel;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    private BalancerServer(BalancerConfig config, Discoverer discovererOrNull) throws InterruptedException {
        this.config = config;
        Transport transport = Transport.detect();
        Limits limits = config.limits();
        acceptGroup = transport.newGroup(1, "balancer-accept");
        ioGroup = transport.newGroup(ioThreads(), "balancer-io");
        control = new DefaultEventExecutor(new DefaultThreadFactory("balancer-control", true));
        resolver = new DnsAddressResolverGroup(new DnsNameResolverBuilder()
                .datagramChannelType(transport.datagramChannel()));
        StateEvents events = new StateEvents(id);
        Bootstrap linkBootstrap = new Bootstrap().group(ioGroup).channel(transport.socketChannel())
                .option(ChannelOption.TCP_NODELAY, true)
                .resolver(resolver);
        state = new BalancerState(control, new Placement(config.region(), SelectionStrategies.from(config.selectionStrategy())),
                metrics, events, id, limits, config.migration(), linkBootstrap);
        proxy = new HttpProxy(ioGroup, transport.socketChannel(), limits, metrics, new RoomCreationObserver(state));
        FrontendHandler.Context context = new FrontendHandler.Context(state, metrics, events, proxy, limits,
                config.migration(), id,
                config.region(), new FrontendHandler.ApiKeyHolder(config.apiKey()));
        ServerBootstrap server = new ServerBootstrap().group(acceptGroup, ioGroup).channel(transport.serverChannel())
                .option(ChannelOption.SO_BACKLOG, 4096)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, new WriteBufferWaterMark(
                        (int) Math.min(Integer.MAX_VALUE / 2, limits.clientQueueBytes() / 2),
                        (int) Math.min(Integer.MAX_VALUE, limits.clientQueueBytes())))
                .childHandler(new FrontendInitializer(context));
        try {
            // Without a bind address, the wildcard binds the IPv6 "any" address, which also accepts IPv4 (dual stack).
            InetSocketAddress listen = config.bind().map(a -> new InetSocketAddress(a, config.port()))
                    .orElseGet(() -> new InetSocketAddress(config.port()));
            serverChannel = server.bind(listen).sync().channel();
        } catch (Exception e) {
            shutdownGroups();
            throw e;
        }
        discoverer = discovererOrNull != null ? discovererOrNull : Discoverers.create(config.discovery(), ioGroup);
        discoverer.start(state);
        LOG.info("balancer {} listening on port {} (region {}, {} transport, discovery {})", id, port(), config.region(),
                transport.name(), config.discovery().getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT));
    }

    /** Starts a balancer with the discovery its configuration names; returns once the port is bound. */
    public static BalancerServer start(BalancerConfig config) throws InterruptedException {
        return new BalancerServer(config, null);
    }

    /** Starts a balancer that takes its monolith list from {@code discoverer} (tests use this). */
    public static BalancerServer start(BalancerConfig config, Discoverer discoverer) throws InterruptedException {
        return new BalancerServer(config, discoverer);
    }

    /** The bound client port (useful when the configured port was 0). */
    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public UUID id() {
        return id;
    }

    public BalancerMetrics metrics() {
        return metrics;
    }

    public BalancerConfig config() {
        return config;
    }

    /** The routing state, for tests and tools that inspect it. */
    public BalancerState state() {
        return state;
    }

    /** Stops accepting, closes clients (1000) and links, and releases every thread. */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        try {
            discoverer.close();
        } catch (RuntimeException e) {
            LOG.warn("discovery did not stop cleanly: {}", e.toString());
        }
        serverChannel.close().awaitUninterruptibly(2, TimeUnit.SECONDS);
        state.stop();
        proxy.close();
        shutdownGroups();
        // Last, so that links and clients closing during the shutdown still reach the state.
        control.shutdownGracefully(0, 2000, TimeUnit.MILLISECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }

    private void shutdownGroups() {
        resolver.close();
        acceptGroup.shutdownGracefully(0, 2000, TimeUnit.MILLISECONDS);
        ioGroup.shutdownGracefully(50, 2000, TimeUnit.MILLISECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }

    /**
     * One I/O loop per available core, not Netty's two: a relayed message crosses from a client's loop
     * to its monolith link's loop and back, and with more loops than cores those hand-overs become
     * context switches (docs/performance-notes.md measured 2.65 → 2.0 per message on two cores).
     * {@code -Dio.netty.eventLoopThreads} still sets the count.
     */
    static int ioThreads() {
        return Math.max(1, Integer.getInteger("io.netty.eventLoopThreads", Runtime.getRuntime().availableProcessors()));
    }
}
