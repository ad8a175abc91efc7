package org.ottbalancer.balancer.discovery;

import org.ottbalancer.balancer.net.Transport;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketCloseStatus;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.ottbalancer.protocol.registry.MonolithEntry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code method = "harness"} (spec §6.5, tests only): a test controller pushes the monolith list
 * over a WebSocket served on {@code [::1]:<port>}, IPv6 loopback only so that nothing off the
 * machine can steer the balancer.
 *
 * <ul>
 *   <li>Any request path is accepted.</li>
 *   <li>Each text frame is a JSON array of socket-address strings, the complete list, which
 *       replaces the previous one and is reported. A frame that cannot be parsed is logged and
 *       ignored; the connection stays open and the previous list stays in force.</li>
 *   <li>When the controller disconnects the last list is kept until a controller sends a new one.
 *       Nothing is reported before the first frame.</li>
 *   <li>One controller at a time: when a second controller completes its handshake, it
 *       <em>replaces</em> the first, which is sent a Close frame (1000, "replaced by a newer
 *       harness controller connection"). The newcomer wins rather than being turned away because
 *       a controller that crashed or lost its network without a clean close would otherwise lock
 *       every later controller out until the balancer noticed the dead TCP connection, and the
 *       reconnecting controller is, in practice, the one that is still alive. The replaced
 *       controller learns what happened from the close reason.</li>
 *   <li>If the listening socket dies while the discoverer is open, it is bound again on the same
 *       port shortly after (spec §10.23); a failed bind is reported through
 *       {@link DiscoveryListener#onError} and retried every 5 s.</li>
 * </ul>
 */
final class HarnessDiscoverer implements Discoverer {
    private static final Logger log = LoggerFactory.getLogger(HarnessDiscoverer.class);

    static final Duration BIND_RETRY_DELAY = Duration.ofSeconds(5);
    /**
     * Pause before re-binding after the listener died: the transport may release the port only
     * on its next selector pass, and binding before that fails with "address already in use".
     */
    private static final Duration REBIND_DELAY = Duration.ofMillis(100);
    static final String REPLACED_REASON = "replaced by a newer harness controller connection";
    private static final int MAX_FRAME_BYTES = 1 << 20;
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private final EventLoopGroup group;
    private final Duration bindRetryDelay;
    private final ChannelGroup connections = new DefaultChannelGroup("harness-controllers", GlobalEventExecutor.INSTANCE);
    private final AtomicReference<Channel> controller = new AtomicReference<>();

    private EventLoop loop;
    private ListenerDispatcher dispatcher;
    /** The configured port until the first bind succeeds, then the bound one (matters for port 0). */
    private volatile int port;
    private volatile Channel listening;
    private volatile boolean closed;

    HarnessDiscoverer(int port, EventLoopGroup group) {
        this(port, BIND_RETRY_DELAY, group);
    }

    /** As above, with a shorter bind retry delay for tests. */
    HarnessDiscoverer(int port, Duration bindRetryDelay, EventLoopGroup group) {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("harness discovery: port " + port + " is not in 0..65535");
        }
        this.port = port;
        this.bindRetryDelay = Objects.requireNonNull(bindRetryDelay, "bindRetryDelay");
        this.group = Objects.requireNonNull(group, "group");
    }

    @Override
    public synchronized void start(DiscoveryListener listener) {
        if (dispatcher != null || closed) {
            throw new IllegalStateException("harness discovery already started or closed");
        }
        loop = group.next();
        dispatcher = new ListenerDispatcher(listener, loop, "harness");
        bind();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (dispatcher != null) {
            dispatcher.stop();
        }
        Channel server = listening;
        if (server != null) {
            server.close();
        }
        connections.close();
    }

    /** Where the listener is bound, or null while it is not; lets tests use port 0. */
    InetSocketAddress localAddress() {
        Channel server = listening;
        return server == null || !server.isActive() ? null : (InetSocketAddress) server.localAddress();
    }

    /** The listening channel, so tests can make it die unexpectedly. */
    Channel listeningChannel() {
        return listening;
    }

    private void bind() {
        if (closed) {
            return;
        }
        new ServerBootstrap()
                .group(group)
                .channel(Transport.of(group).serverChannel())
                .childHandler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        initControllerPipeline(ch);
                    }
                })
                .bind(new InetSocketAddress(NetUtil.LOCALHOST6, port))
                .addListener((ChannelFutureListener) this::bound);
    }

    private void bound(ChannelFuture bind) {
        if (!bind.isSuccess()) {
            dispatcher.error("cannot listen for harness controllers on [::1]:" + port + ": "
                    + bind.cause().getMessage() + "; retrying in " + bindRetryDelay.toMillis() + " ms", bind.cause());
            scheduleBind(bindRetryDelay);
            return;
        }
        Channel server = bind.channel();
        port = ((InetSocketAddress) server.localAddress()).getPort();
        listening = server;
        // close() sets closed before reading listening; checking after writing it means one of
        // the two always sees the other, so the socket cannot outlive the discoverer.
        if (closed) {
            server.close();
            return;
        }
        log.info("harness discovery listening for a controller on ws://[::1]:{}/", port);
        server.closeFuture().addListener(f -> {
            if (!closed) {
                log.warn("harness discovery listener on [::1]:{} closed unexpectedly; listening again", port);
                scheduleBind(REBIND_DELAY);
            }
        });
    }

    private void scheduleBind(Duration delay) {
        if (closed) {
            return;
        }
        try {
            loop.schedule(this::bind, delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            log.debug("harness discovery not re-binding: event loop is shutting down");
        }
    }

    private void initControllerPipeline(Channel ch) {
        connections.add(ch);
        WebSocketServerProtocolConfig ws = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(true)
                .maxFramePayloadLength(MAX_FRAME_BYTES)
                .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
                .build();
        ChannelPipeline p = ch.pipeline();
        p.addLast(new HttpServerCodec());
        p.addLast(new HttpObjectAggregator(64 * 1024));
        p.addLast(new WebSocketServerProtocolHandler(ws));
        p.addLast(new WebSocketFrameAggregator(MAX_FRAME_BYTES));
        p.addLast(new HarnessControllerHandler(this));
    }

    void controllerConnected(Channel ch) {
        Channel previous = controller.getAndSet(ch);
        log.info("harness controller connected from {}", ch.remoteAddress());
        if (previous != null && previous != ch && previous.isActive()) {
            log.info("harness controller {} replaced by {}", previous.remoteAddress(), ch.remoteAddress());
            previous.writeAndFlush(new CloseWebSocketFrame(WebSocketCloseStatus.NORMAL_CLOSURE, REPLACED_REASON))
                    .addListener(ChannelFutureListener.CLOSE);
        }
    }

    void controllerFrame(Channel ch, String text) {
        if (controller.get() != ch) {
            log.info("ignoring a frame from replaced harness controller {}", ch.remoteAddress());
            return;
        }
        List<MonolithEntry> monoliths;
        try {
            monoliths = HarnessFrameParser.parse(text);
        } catch (IllegalArgumentException e) {
            log.warn("ignoring harness frame from {}: {}", ch.remoteAddress(), e.getMessage());
            return;
        }
        dispatcher.monoliths(monoliths);
    }

    void controllerDisconnected(Channel ch) {
        if (controller.compareAndSet(ch, null)) {
            log.info("harness controller {} disconnected; keeping the last monolith list", ch.remoteAddress());
        }
    }
}
