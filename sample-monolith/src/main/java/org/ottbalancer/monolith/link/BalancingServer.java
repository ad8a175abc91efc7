package org.ottbalancer.monolith.link;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.HttpVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.ottbalancer.monolith.net.Transport;
import org.ottbalancer.monolith.net.WebSocketUpgrade;
import org.ottbalancer.monolith.rooms.RoomManager;
import org.ottbalancer.protocol.M2B;

/** The balancing port: accepts balancer WebSocket links on any path (spec §1). */
public final class BalancingServer {
    /** Largest balancer message accepted; a link carries many clients' messages. */
    static final int MAX_MESSAGE_BYTES = 16 * 1024 * 1024;

    private final Channel serverChannel;
    private final LinkRegistry registry;

    /** Binds and starts accepting; blocks until bound. */
    public static BalancingServer start(Transport transport, EventLoopGroup boss, EventLoopGroup workers,
                                        InetSocketAddress address, M2B.Init init, RoomManager rooms, Duration initTimeout)
            throws InterruptedException {
        LinkRegistry registry = new LinkRegistry();
        Channel ch = new ServerBootstrap()
                .group(boss, workers)
                .channel(transport.serverChannel())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(64 * 1024),
                                new UpgradeOnly(init, rooms, initTimeout, registry));
                    }
                })
                .bind(address).sync().channel();
        return new BalancingServer(ch, registry);
    }

    private BalancingServer(Channel serverChannel, LinkRegistry registry) {
        this.serverChannel = serverChannel;
        this.registry = registry;
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public LinkRegistry links() {
        return registry;
    }

    /** Stops accepting new links; existing links stay open. */
    public void stopAccepting() {
        serverChannel.close().awaitUninterruptibly();
    }

    /** Upgrades every request; plain HTTP on the balancing port is a client error. */
    private static final class UpgradeOnly extends SimpleChannelInboundHandler<FullHttpRequest> {
        private final M2B.Init init;
        private final RoomManager rooms;
        private final Duration initTimeout;
        private final LinkRegistry registry;

        UpgradeOnly(M2B.Init init, RoomManager rooms, Duration initTimeout, LinkRegistry registry) {
            this.init = init;
            this.rooms = rooms;
            this.initTimeout = initTimeout;
            this.registry = registry;
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest req) {
            if (WebSocketUpgrade.isUpgrade(req)) {
                WebSocketUpgrade.upgrade(ctx, req, MAX_MESSAGE_BYTES, new BalancerLink(init, rooms, initTimeout, registry));
                return;
            }
            DefaultFullHttpResponse res = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1, HttpResponseStatus.BAD_REQUEST,
                    Unpooled.copiedBuffer("this is a monolith's balancing port: balancers connect here with a WebSocket\n",
                            StandardCharsets.UTF_8));
            res.headers().set(HttpHeaderNames.CONTENT_TYPE, "text/plain; charset=utf-8");
            res.headers().set(HttpHeaderNames.CONNECTION, HttpHeaderValues.CLOSE);
            res.headers().setInt(HttpHeaderNames.CONTENT_LENGTH, res.content().readableBytes());
            ctx.writeAndFlush(res).addListener(ChannelFutureListener.CLOSE);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
