package org.ottbalancer.e2e.kube.service;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Service port as a local TCP port on 127.0.0.1: each new connection goes to the next Ready
 * endpoint in turn (round robin, like kube-proxy spreading connections over a Service's pods) and
 * bytes are relayed both ways until either side closes, which closes the other. An endpoint that
 * refuses the connection is skipped for that connection; with none left the client is closed.
 * Endpoints are replaced as pods become Ready or go away; open connections are not touched.
 */
public final class ServicePortSpreader implements AutoCloseable {
    public record Endpoint(String host, int port) {
    }

    private final EventLoopGroup group;
    private final Channel server;
    private final String name;
    private volatile List<Endpoint> endpoints = List.of();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicLong connections = new AtomicLong();

    private ServicePortSpreader(EventLoopGroup group, String name) throws InterruptedException {
        this.group = group;
        this.name = name;
        this.server = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.AUTO_READ, false)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new Frontend());
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
    }

    public static ServicePortSpreader start(EventLoopGroup group, String name) throws InterruptedException {
        return new ServicePortSpreader(group, name);
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    public String name() {
        return name;
    }

    public List<Endpoint> endpoints() {
        return endpoints;
    }

    void endpoints(List<Endpoint> ready) {
        endpoints = List.copyOf(ready);
    }

    public long connections() {
        return connections.get();
    }

    @Override
    public void close() {
        server.close().awaitUninterruptibly();
    }

    private final class Frontend extends ChannelInboundHandlerAdapter {
        private Channel backend;

        @Override
        public void channelActive(ChannelHandlerContext ctx) {
            connections.incrementAndGet();
            List<Endpoint> candidates = endpoints;
            connect(ctx.channel(), candidates, next.getAndIncrement(), 0);
        }

        private void connect(Channel client, List<Endpoint> candidates, int start, int tried) {
            if (tried >= candidates.size()) {
                client.close();
                return;
            }
            Endpoint e = candidates.get(Math.floorMod(start + tried, candidates.size()));
            new Bootstrap().group(client.eventLoop()).channel(NioSocketChannel.class)
                    .option(ChannelOption.TCP_NODELAY, true)
                    .option(ChannelOption.AUTO_READ, false)
                    .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, 2000)
                    .handler(new Relay(client))
                    .connect(e.host(), e.port()).addListener((ChannelFutureListener) f -> {
                        if (f.isSuccess()) {
                            backend = f.channel();
                            client.read();
                            backend.read();
                        } else {
                            connect(client, candidates, start, tried + 1);
                        }
                    });
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            backend.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) {
                    ctx.channel().read();
                } else {
                    f.channel().close();
                    ctx.channel().close();
                }
            });
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (backend != null) {
                closeAfterFlush(backend);
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            closeAfterFlush(ctx.channel());
        }
    }

    /** Backend to client. */
    private static final class Relay extends ChannelInboundHandlerAdapter {
        private final Channel client;

        Relay(Channel client) {
            this.client = client;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            client.writeAndFlush(msg).addListener((ChannelFutureListener) f -> {
                if (f.isSuccess()) {
                    ctx.channel().read();
                } else {
                    f.channel().close();
                    ctx.channel().close();
                }
            });
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            closeAfterFlush(client);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            closeAfterFlush(ctx.channel());
        }
    }

    static void closeAfterFlush(Channel ch) {
        if (ch.isActive()) {
            ch.writeAndFlush(Unpooled.EMPTY_BUFFER).addListener(ChannelFutureListener.CLOSE);
        }
    }
}
