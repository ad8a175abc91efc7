package org.ottbalancer.monolith.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import org.ottbalancer.monolith.metrics.MonolithMetrics;
import org.ottbalancer.monolith.net.Transport;
import org.ottbalancer.monolith.rooms.RoomManager;
import org.ottbalancer.monolith.store.RoomStore;

/** The HTTP port: API, room page, metrics and direct client WebSockets. */
public final class HttpServer {
    static final int MAX_REQUEST_BYTES = 1024 * 1024;
    private final Channel serverChannel;

    private HttpServer(Channel serverChannel) {
        this.serverChannel = serverChannel;
    }

    /** Binds and starts serving; blocks until bound. */
    public static HttpServer start(Transport transport, EventLoopGroup boss, EventLoopGroup workers, InetSocketAddress address,
                                   RoomManager rooms, RoomStore store, MonolithMetrics metrics) throws InterruptedException {
        StaticResources statics = new StaticResources();
        Channel ch = new ServerBootstrap()
                .group(boss, workers)
                .channel(transport.serverChannel())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(MAX_REQUEST_BYTES),
                                new HttpApiHandler(rooms, store, metrics, statics));
                    }
                })
                .bind(address).sync().channel();
        return new HttpServer(ch);
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Stops accepting connections. */
    public void stopAccepting() {
        serverChannel.close().awaitUninterruptibly();
    }
}
