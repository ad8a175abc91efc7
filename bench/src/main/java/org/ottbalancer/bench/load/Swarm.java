package org.ottbalancer.bench.load;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The client side of every scenario: Netty WebSocket clients on their own event loops. Each
 * connection binds to one of several loopback source addresses (127.0.0.2, 127.0.0.3, ...), so
 * the 4-tuple space is not limited to one address's ~28k ephemeral ports.
 */
public final class Swarm implements AutoCloseable {
    private static final int MAX_FRAME = 1 << 20;

    private final EventLoopGroup group;
    private final Bootstrap bootstrap;
    private final List<InetAddress> sources;
    private final AtomicInteger nextIndex = new AtomicInteger();
    private final boolean epoll;

    /**
     * @param threads event-loop threads of the client side
     * @param sourceAddresses how many loopback source addresses to spread connections over
     */
    public Swarm(int threads, int sourceAddresses) {
        epoll = Epoll.isAvailable();
        group = new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory("swarm", true),
                epoll ? EpollIoHandler.newFactory() : NioIoHandler.newFactory());
        bootstrap = new Bootstrap().group(group)
                .channel(epoll ? EpollSocketChannel.class : NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 10_000);
        if (epoll) {
            // Defers the choice of the local port to connect(), so each source address offers the full
            // 4-tuple space instead of one ephemeral port per bind.
            bootstrap.option(EpollChannelOption.IP_BIND_ADDRESS_NO_PORT, true);
        }
        sources = new ArrayList<>();
        for (int i = 0; i < sourceAddresses; i++) {
            try {
                sources.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + i)}));
            } catch (UnknownHostException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    public boolean usesEpoll() {
        return epoll;
    }

    public List<EventLoop> eventLoops() {
        List<EventLoop> loops = new ArrayList<>();
        group.forEach(e -> loops.add((EventLoop) e));
        return loops;
    }

    /**
     * Starts one client: TCP connect from the next source address, WebSocket upgrade to
     * {@code uri}, then {@code auth} with {@code token}. Watch {@link BenchClient#joined()}.
     */
    public BenchClient connect(URI uri, String room, String token, ClientEvents events, long handshakeTimeoutMillis) {
        int index = nextIndex.getAndIncrement();
        BenchClient client = new BenchClient(index, room, token, events);
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .maxFramePayloadLength(MAX_FRAME)
                .handleCloseFrames(false)
                .dropPongFrames(true)
                .absoluteUpgradeUrl(false)
                .generateOriginHeader(false)
                .handshakeTimeoutMillis(handshakeTimeoutMillis)
                .build();
        Bootstrap b = bootstrap.clone().handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel ch) {
                ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(64 * 1024),
                        new WebSocketClientProtocolHandler(config), client);
            }
        });
        InetSocketAddress remote = new InetSocketAddress(uri.getHost(), uri.getPort());
        InetSocketAddress local = new InetSocketAddress(sources.get(index % sources.size()), 0);
        ChannelFuture f = b.connect(remote, local);
        f.addListener(done -> {
            if (!done.isSuccess()) {
                client.failBeforeConnect(done.cause());
            }
        });
        return client;
    }

    /** Closes every given client and waits (bounded) for their sockets to go. */
    public static void closeAll(List<BenchClient> clients) {
        List<ChannelFuture> closing = new ArrayList<>();
        for (BenchClient c : clients) {
            Channel ch = c.channel();
            if (ch != null) {
                closing.add(ch.close());
            }
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        for (ChannelFuture f : closing) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !f.awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
                break;
            }
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
