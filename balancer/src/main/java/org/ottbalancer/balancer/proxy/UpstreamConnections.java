package org.ottbalancer.balancer.proxy;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.pool.AbstractChannelPoolHandler;
import io.netty.channel.pool.AbstractChannelPoolMap;
import io.netty.channel.pool.ChannelHealthChecker;
import io.netty.channel.pool.FixedChannelPool;
import io.netty.channel.socket.SocketChannel;
import io.netty.resolver.AddressResolverGroup;
import org.ottbalancer.balancer.net.Transport;
import io.netty.resolver.dns.DnsAddressResolverGroup;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Keep-alive connections to monoliths, pooled per event loop and per monolith address.
 *
 * <p>Per event loop, because a proxied exchange then runs entirely on the client connection's
 * thread: no locking, no hand-over between threads. The cost is that a loop cannot borrow an idle
 * connection another loop opened, which only means a few more connections.
 *
 * <p>Bounds: {@value #MAX_CONNECTIONS_PER_TARGET} connections and
 * {@value #MAX_PENDING_PER_TARGET} requests waiting for one, per monolith address, shared evenly
 * by the event loops (each loop gets its share, at least one). A monolith is a single Node
 * process; more concurrent requests than that would only queue inside it, and the waiting list
 * keeps a flood from holding unbounded memory. Beyond it requests fail at once (503).
 *
 * <p>Host names are resolved with Netty's asynchronous DNS resolver, since the JDK's lookup would
 * block the event loop; IP literals and {@code /etc/hosts} names never leave the process.
 */
final class UpstreamConnections implements AutoCloseable {
    static final int MAX_CONNECTIONS_PER_TARGET = 256;
    static final int MAX_PENDING_PER_TARGET = 1024;
    static final long CLOSE_WAIT_MILLIS = 2_000;

    private record PoolKey(EventLoop loop, String host, int port) {
    }

    private final EventLoopGroup group;
    private final Class<? extends SocketChannel> channelType;
    private final int connectTimeoutMillis;
    private final int maxResponseBodyBytes;
    private final int maxConnectionsPerLoop;
    private final int maxPendingPerLoop;
    private final AddressResolverGroup<InetSocketAddress> resolver;
    private final ChannelGroup openChannels = new DefaultChannelGroup("monolith-connections", GlobalEventExecutor.INSTANCE);
    private final AbstractChannelPoolMap<PoolKey, FixedChannelPool> pools = new AbstractChannelPoolMap<>() {
        @Override
        protected FixedChannelPool newPool(PoolKey key) {
            return new FixedChannelPool(bootstrap(key.loop(), key.host(), key.port()), new PoolHandler(),
                    ChannelHealthChecker.ACTIVE, null, -1, maxConnectionsPerLoop, maxPendingPerLoop,
                    true, true);
        }
    };

    UpstreamConnections(EventLoopGroup group, Class<? extends SocketChannel> channelType, int connectTimeoutMillis,
                        int maxResponseBodyBytes) {
        this.group = group;
        this.channelType = channelType;
        this.connectTimeoutMillis = connectTimeoutMillis;
        this.maxResponseBodyBytes = maxResponseBodyBytes;
        int loops = countLoops(group);
        this.maxConnectionsPerLoop = Math.max(1, MAX_CONNECTIONS_PER_TARGET / loops);
        this.maxPendingPerLoop = Math.max(1, MAX_PENDING_PER_TARGET / loops);
        this.resolver = new DnsAddressResolverGroup(new DnsNameResolverBuilder()
                .datagramChannelType(Transport.ofSocketChannel(channelType).datagramChannel())
                .socketChannelType(channelType));
    }

    /**
     * A pooled connection on {@code loop}: an idle open one if there is one (most recently used
     * first, as it is least likely to have been closed by the monolith), else a new one.
     * Completes on {@code loop}.
     */
    Future<UpstreamLease> pooled(EventLoop loop, ProxyTarget target) {
        FixedChannelPool pool = pools.get(new PoolKey(loop, unbracketed(target.host()), target.port()));
        Promise<UpstreamLease> leased = loop.newPromise();
        pool.acquire().addListener((Future<Channel> acquired) -> {
            if (acquired.isSuccess()) {
                leased.setSuccess(new UpstreamLease(acquired.getNow(), pool::release));
            } else {
                leased.setFailure(acquired.cause());
            }
        });
        return leased;
    }

    /**
     * A brand-new connection outside the pool, closed after its one exchange. Used for the single
     * retry after a stale pooled connection, where another pooled connection could be just as stale.
     */
    Future<UpstreamLease> fresh(EventLoop loop, ProxyTarget target) {
        Bootstrap bootstrap = bootstrap(loop, unbracketed(target.host()), target.port())
                .handler(new ChannelInitializer<>() {
                    @Override
                    protected void initChannel(Channel ch) {
                        prepare(ch);
                    }
                });
        Promise<UpstreamLease> leased = loop.newPromise();
        ChannelFuture connected = bootstrap.connect();
        connected.addListener(f -> {
            if (f.isSuccess()) {
                leased.setSuccess(new UpstreamLease(connected.channel(), Channel::close));
            } else {
                leased.setFailure(f.cause());
            }
        });
        return leased;
    }

    /**
     * Closes every monolith connection, idle or in use, and stops the resolvers. Called from an
     * ordinary thread it waits (at most {@value #CLOSE_WAIT_MILLIS} ms) until the connections are
     * closed, so that the event loops can be shut down right after; on an event loop it never waits.
     */
    @Override
    public void close() {
        List<Future<?>> closing = new ArrayList<>();
        for (Map.Entry<PoolKey, FixedChannelPool> entry : pools) {
            closing.add(entry.getValue().closeAsync());
        }
        closing.add(openChannels.close());
        resolver.close();
        if (!onOneOfOurLoops()) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(CLOSE_WAIT_MILLIS);
            for (Future<?> f : closing) {
                f.awaitUninterruptibly(Math.max(0, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
            }
        }
    }

    private boolean onOneOfOurLoops() {
        for (EventExecutor loop : group) {
            if (loop.inEventLoop()) {
                return true;
            }
        }
        return false;
    }

    private Bootstrap bootstrap(EventLoop loop, String host, int port) {
        return new Bootstrap()
                .group(loop)
                .channel(channelType)
                .resolver(resolver)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, connectTimeoutMillis)
                .option(ChannelOption.TCP_NODELAY, true)
                .remoteAddress(InetSocketAddress.createUnresolved(host, port));
    }

    private void prepare(Channel channel) {
        openChannels.add(channel);
        UpstreamConnection.install(channel, maxResponseBodyBytes);
    }

    private final class PoolHandler extends AbstractChannelPoolHandler {
        @Override
        public void channelCreated(Channel ch) {
            prepare(ch);
        }
    }

    private static int countLoops(EventLoopGroup group) {
        int loops = 0;
        for (var ignored : group) {
            loops++;
        }
        return Math.max(1, loops);
    }


    /** Discovery may hand over IPv6 addresses in URL form ({@code [fdaa::1]}). */
    private static String unbracketed(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
