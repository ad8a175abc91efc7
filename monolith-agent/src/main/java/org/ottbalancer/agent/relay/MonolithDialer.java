package org.ottbalancer.agent.relay;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.net.URI;

/**
 * Opens WebSocket links to the monolith's balancing port ({@code ws://host:port/}). The handler
 * sees whole data frames, close frames, and the
 * {@link WebSocketClientProtocolHandler.ClientHandshakeStateEvent#HANDSHAKE_COMPLETE} event; pings
 * are answered by Netty and pongs dropped, per hop.
 */
public final class MonolithDialer {
    private static final int CONNECT_TIMEOUT_MILLIS = 5_000;
    private static final long HANDSHAKE_TIMEOUT_MILLIS = 10_000;

    private final NettyTransport transport;
    private final String host;
    private final int port;
    private final int maxFrameBytes;
    private final URI uri;

    public MonolithDialer(NettyTransport transport, String host, int port, int maxFrameBytes) {
        this.transport = transport;
        this.host = host;
        this.port = port;
        this.maxFrameBytes = maxFrameBytes;
        this.uri = URI.create("ws://" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port + "/");
    }

    public String endpoint() {
        return uri.getAuthority();
    }

    /**
     * Dials on {@code loop}, the event loop of the balancer link being relayed, so that both halves
     * of a relay run on one thread and hand frames to each other without crossing threads.
     */
    public ChannelFuture dial(EventLoop loop, ChannelHandler handler) {
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(uri)
                .maxFramePayloadLength(maxFrameBytes)
                .handleCloseFrames(false)
                .dropPongFrames(true)
                .withUTF8Validator(false)
                .handshakeTimeoutMillis(HANDSHAKE_TIMEOUT_MILLIS)
                .build();
        return new Bootstrap()
                .group(loop)
                .channel(transport.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .option(ChannelOption.TCP_NODELAY, true)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec());
                        ch.pipeline().addLast(new HttpObjectAggregator(64 * 1024));
                        ch.pipeline().addLast(new WebSocketClientProtocolHandler(config));
                        ch.pipeline().addLast(new WebSocketFrameAggregator(maxFrameBytes));
                        ch.pipeline().addLast(handler);
                    }
                })
                .connect(host, port);
    }

    /** Opens a bare TCP connection and closes it: enough to know the balancing port accepts links. */
    public ChannelFuture probe(EventLoop loop) {
        return new Bootstrap()
                .group(loop)
                .channel(transport.socketChannel())
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MILLIS)
                .handler(new io.netty.channel.ChannelInboundHandlerAdapter())
                .connect(host, port);
    }
}
