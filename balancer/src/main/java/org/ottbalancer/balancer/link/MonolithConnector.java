package org.ottbalancer.balancer.link;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshaker;
import io.netty.handler.codec.http.websocketx.WebSocketClientHandshakerFactory;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketVersion;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.URI;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import org.ottbalancer.balancer.config.Limits;
import org.ottbalancer.balancer.metrics.BalancerMetrics;
import org.ottbalancer.balancer.observe.StateEvents;
import org.ottbalancer.protocol.registry.MonolithEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one link to one discovered monolith address: dials {@code ws://host:port/}, performs the
 * handshake, and after the link drops or a dial or handshake fails dials again, until discovery
 * removes the address.
 *
 * <p>Back-off: the first retry waits {@code reconnect_delay} (upstream's 1 s grace for a monolith in
 * the middle of a restart); every further failure doubles the wait up to {@code reconnect_max_delay},
 * with ±20% jitter so that many balancers do not re-dial in lockstep. Unlike upstream, a failed
 * handshake is retried too: a monolith that was briefly broken must not stay unused until
 * discovery happens to forget and re-learn its address.
 */
public final class MonolithConnector {
    private static final Logger LOG = LoggerFactory.getLogger(MonolithConnector.class);

    private final Bootstrap bootstrap;
    private final LinkListener listener;
    private final ClientDirectory clients;
    private final BalancerMetrics metrics;
    private final StateEvents events;
    private final UUID balancerId;
    private final Limits limits;
    private volatile MonolithEntry entry;
    private volatile boolean cancelled;
    private volatile Channel channel;
    private volatile ScheduledFuture<?> retry;
    private volatile int failures;

    public MonolithConnector(MonolithEntry entry, Bootstrap template, LinkListener listener, ClientDirectory clients,
            BalancerMetrics metrics, StateEvents events, UUID balancerId, Limits limits) {
        this.entry = entry;
        this.bootstrap = template.clone();
        this.listener = listener;
        this.clients = clients;
        this.metrics = metrics;
        this.events = events;
        this.balancerId = balancerId;
        this.limits = limits;
    }

    public String host() {
        return entry.host();
    }

    public String endpoint() {
        return entry.endpoint();
    }

    /** The latest registry entry for this address (state and load may change over time). */
    public MonolithEntry entry() {
        return entry;
    }

    public void entry(MonolithEntry updated) {
        entry = updated;
    }

    public void start() {
        dial();
    }

    /** Stops for good: closes the link without a Close frame (as upstream does) and dials no more. */
    public void cancel() {
        cancelled = true;
        ScheduledFuture<?> r = retry;
        if (r != null) {
            r.cancel(false);
        }
        Channel ch = channel;
        if (ch != null) {
            ch.close();
        }
    }

    /**
     * The balancer took the link into its routing state: the next drop waits only the first
     * back-off step. A link it refused (e.g. a second address of an already linked monolith)
     * keeps backing off.
     */
    public void linkAccepted() {
        failures = 0;
    }

    private void dial() {
        if (cancelled) {
            return;
        }
        MonolithEntry e = entry;
        URI uri = URI.create("ws://" + e.endpoint() + "/");
        WebSocketClientHandshaker handshaker = WebSocketClientHandshakerFactory.newHandshaker(
                uri, WebSocketVersion.V13, null, false, new DefaultHttpHeaders(), limits.maxFrameBytes());
        MonolithLinkHandler linkHandler = new MonolithLinkHandler(this, listener, clients, metrics, events, balancerId,
                limits.monolithInitTimeout().toNanos(), limits.monolithSendTimeout().toNanos(), limits.monolithQueueBytes());
        Bootstrap b = bootstrap.clone()
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, (int) Math.min(Integer.MAX_VALUE, limits.proxyConnectTimeout().toMillis()))
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK,
                        new WriteBufferWaterMark((int) Math.min(Integer.MAX_VALUE / 2, limits.monolithQueueBytes() / 2),
                                (int) Math.min(Integer.MAX_VALUE, limits.monolithQueueBytes())))
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("http", new HttpClientCodec());
                        ch.pipeline().addLast("aggregator", new HttpObjectAggregator(64 * 1024));
                        ch.pipeline().addLast("upgrade", new UpgradeHandler(handshaker, linkHandler, limits.maxFrameBytes()));
                    }
                });
        ChannelFuture f = b.connect(e.host(), e.port());
        channel = f.channel();
        f.addListener(done -> {
            if (!done.isSuccess()) {
                LOG.debug("could not dial {}: {}", e.endpoint(), done.cause().toString());
            }
        });
        f.channel().closeFuture().addListener(closed -> scheduleRedial(f.channel()));
        if (cancelled) {
            f.channel().close();
        }
    }

    private void scheduleRedial(Channel closed) {
        if (cancelled) {
            return;
        }
        long base = limits.reconnectDelay().toNanos();
        long max = limits.reconnectMaxDelay().toNanos();
        long delay = base;
        for (int i = 0; i < failures && delay < max; i++) {
            delay *= 2;
        }
        delay = Math.min(delay, max);
        failures++;
        long jittered = (long) (delay * (0.8 + 0.4 * ThreadLocalRandom.current().nextDouble()));
        LOG.debug("dialling {} again in {}", endpoint(), Duration.ofNanos(jittered));
        retry = closed.eventLoop().schedule(this::dial, jittered, TimeUnit.NANOSECONDS);
    }

    /** Completes the client WebSocket upgrade, then hands the pipeline to the link handler. */
    private static final class UpgradeHandler extends SimpleChannelInboundHandler<FullHttpResponse> {
        private final WebSocketClientHandshaker handshaker;
        private final MonolithLinkHandler linkHandler;
        private final int maxFrameBytes;

        UpgradeHandler(WebSocketClientHandshaker handshaker, MonolithLinkHandler linkHandler, int maxFrameBytes) {
            this.handshaker = handshaker;
            this.linkHandler = linkHandler;
            this.maxFrameBytes = maxFrameBytes;
        }

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            handshaker.handshake(ctx.channel());
            ctx.fireChannelActive();
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpResponse response) {
            try {
                handshaker.finishHandshake(ctx.channel(), response);
            } catch (RuntimeException e) {
                LOG.warn("WebSocket upgrade refused by {}: {}", ctx.channel().remoteAddress(), e.getMessage());
                ctx.close();
                return;
            }
            ctx.pipeline().addLast("ws-aggregator", new WebSocketFrameAggregator(maxFrameBytes));
            ctx.pipeline().addLast("link", linkHandler);
            ChannelHandlerContext linkCtx = ctx.pipeline().context("link");
            ctx.pipeline().remove(this);
            linkHandler.upgraded(linkCtx);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            LOG.debug("link upgrade to {} failed: {}", ctx.channel().remoteAddress(), cause.toString());
            ctx.close();
        }
    }
}
