package org.ottbalancer.agent.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import java.net.InetSocketAddress;
import java.util.Optional;
import org.ottbalancer.agent.relay.NettyTransport;

/** One HTTP listener of the agent: the main one, or the preStop one (on 127.0.0.1 unless configured otherwise). */
public final class AgentHttpServer implements AutoCloseable {
    private static final int MAX_BODY_BYTES = 64 * 1024;

    private final Channel serverChannel;

    private AgentHttpServer(Channel serverChannel) {
        this.serverChannel = serverChannel;
    }

    public static AgentHttpServer main(NettyTransport transport, EventLoopGroup boss, EventLoopGroup workers,
            String bindAddress, int port, AgentApi api, Optional<BearerToken> token, String prestopHint)
            throws InterruptedException {
        return start(transport, boss, workers, bindAddress, port, new AgentHttpHandler(api, token, false, prestopHint));
    }

    public static AgentHttpServer prestop(NettyTransport transport, EventLoopGroup boss, EventLoopGroup workers,
            String bindAddress, int port, AgentApi api) throws InterruptedException {
        return start(transport, boss, workers, bindAddress, port,
                new AgentHttpHandler(api, Optional.empty(), true, ""));
    }

    private static AgentHttpServer start(NettyTransport transport, EventLoopGroup boss, EventLoopGroup workers,
            String bindAddress, int port, AgentHttpHandler handler) throws InterruptedException {
        Channel ch = new ServerBootstrap()
                .group(boss, workers)
                .channel(transport.serverChannel())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline().addLast(new HttpServerCodec());
                        c.pipeline().addLast(new HttpObjectAggregator(MAX_BODY_BYTES));
                        c.pipeline().addLast(handler);
                    }
                })
                .bind(bindAddress, port).sync().channel();
        return new AgentHttpServer(ch);
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    public InetSocketAddress address() {
        return (InetSocketAddress) serverChannel.localAddress();
    }

    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
    }
}
