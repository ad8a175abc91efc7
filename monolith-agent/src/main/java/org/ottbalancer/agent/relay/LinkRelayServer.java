package org.ottbalancer.agent.relay;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import org.ottbalancer.agent.tracking.RoomTracker;

/**
 * The link port: a WebSocket server on any path that balancers dial instead of the monolith. Each
 * accepted link gets its own link to the monolith, so the monolith sees one link per balancer.
 *
 * <p>UTF-8 validation is off on both halves: the relay passes bytes through and leaves judging them
 * to the endpoints, exactly as if the balancer had dialled the monolith directly.
 */
public final class LinkRelayServer implements AutoCloseable {
    private final Channel serverChannel;

    private LinkRelayServer(Channel serverChannel) {
        this.serverChannel = serverChannel;
    }

    public static LinkRelayServer start(NettyTransport transport, EventLoopGroup boss, EventLoopGroup workers,
            String bindAddress, int port, int maxFrameBytes, MonolithDialer dialer, RoomTracker tracker,
            BalancerLinks links, RelayCounters counters, LinkGreeter greeter) throws InterruptedException {
        RelayContext relay = new RelayContext(dialer, tracker, links, counters, greeter);
        WebSocketServerProtocolConfig wsConfig = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/")
                .checkStartsWith(true)
                .maxFramePayloadLength(maxFrameBytes)
                .handleCloseFrames(false)
                .dropPongFrames(true)
                .withUTF8Validator(false)
                .build();
        Channel ch = new ServerBootstrap()
                .group(boss, workers)
                .channel(transport.serverChannel())
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel c) {
                        c.pipeline().addLast(new HttpServerCodec());
                        c.pipeline().addLast(new HttpObjectAggregator(64 * 1024));
                        c.pipeline().addLast(new WebSocketServerProtocolHandler(wsConfig));
                        c.pipeline().addLast(new WebSocketFrameAggregator(maxFrameBytes));
                        c.pipeline().addLast(new BalancerSideHandler(relay));
                    }
                })
                .bind(bindAddress, port).sync().channel();
        return new LinkRelayServer(ch);
    }

    public int port() {
        return ((InetSocketAddress) serverChannel.localAddress()).getPort();
    }

    /** Stops accepting links; links already relayed are closed by the agent. */
    @Override
    public void close() {
        serverChannel.close().syncUninterruptibly();
    }
}
