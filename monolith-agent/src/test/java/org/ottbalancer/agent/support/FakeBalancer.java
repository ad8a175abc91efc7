package org.ottbalancer.agent.support;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.http.HttpClientCodec;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketClientProtocolHandler;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.ProtocolCodec;
import org.ottbalancer.protocol.RawJson;
import org.ottbalancer.protocol.RoomName;

/**
 * A balancer's link as the agent sees it: dials the link port, sends {@code init}, and records every
 * frame it receives (raw bytes, and decoded M2B including the extension messages).
 */
public final class FakeBalancer implements AutoCloseable {
    public final UUID id = UUID.randomUUID();
    public final List<RecordedFrame> frames = new CopyOnWriteArrayList<>();
    public final List<M2B> messages = new CopyOnWriteArrayList<>();
    public final CompletableFuture<Void> closed = new CompletableFuture<>();
    public volatile Integer closeCode;
    private final CompletableFuture<Channel> open = new CompletableFuture<>();
    private final Channel channel;

    private FakeBalancer(int linkPort, String path, boolean sendInit) {
        WebSocketClientProtocolConfig config = WebSocketClientProtocolConfig.newBuilder()
                .webSocketUri(URI.create("ws://127.0.0.1:" + linkPort + path))
                .maxFramePayloadLength(32 * 1024 * 1024)
                .handleCloseFrames(false)
                .build();
        channel = new Bootstrap().group(TestNetty.GROUP).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpClientCodec(), new HttpObjectAggregator(65536),
                                new WebSocketClientProtocolHandler(config),
                                new WebSocketFrameAggregator(32 * 1024 * 1024), new Handler(sendInit));
                    }
                })
                .connect("127.0.0.1", linkPort).syncUninterruptibly().channel();
        channel.closeFuture().addListener(f -> {
            open.completeExceptionally(new IllegalStateException("closed before the handshake"));
            closed.complete(null);
        });
    }

    /** Connects and sends {@code init}; returns once the WebSocket handshake completed. */
    public static FakeBalancer connect(int linkPort) {
        FakeBalancer b = new FakeBalancer(linkPort, "/", true);
        b.open.join();
        return b;
    }

    /** Connects without waiting for anything and without sending init. */
    public static FakeBalancer connectRaw(int linkPort, String path) {
        return new FakeBalancer(linkPort, path, false);
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    public void send(B2M message) {
        channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(ProtocolCodec.encode(message))));
    }

    public void sendRaw(boolean binary, byte[] bytes) {
        WebSocketFrame f = binary ? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes))
                : new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes));
        channel.writeAndFlush(f);
    }

    public UUID join(String room) {
        UUID client = UUID.randomUUID();
        send(new B2M.Join(RoomName.of(room), client, "token-" + client));
        return client;
    }

    public void chat(UUID client, String text) {
        send(new B2M.ClientMsg(client, RawJson.of("{\"action\":\"req\",\"request\":{\"type\":11,\"text\":\"" + text + "\"}}")));
    }

    /** Messages of one type received so far. */
    public <T extends M2B> List<T> received(Class<T> type) {
        List<T> out = new ArrayList<>();
        for (M2B m : messages) {
            if (type.isInstance(m)) {
                out.add(type.cast(m));
            }
        }
        return out;
    }

    public <T extends M2B> T await(Class<T> type, Predicate<T> matching) {
        return Poll.value("a " + type.getSimpleName() + " on balancer link " + id, () -> {
            for (T m : received(type)) {
                if (matching.test(m)) {
                    return m;
                }
            }
            return null;
        });
    }

    public void awaitClosed() {
        Poll.until("balancer link " + id + " closed", closed::isDone);
    }

    /** Closes the TCP connection without a Close frame, as a balancer dropping a monolith does. */
    @Override
    public void close() {
        channel.close().syncUninterruptibly();
    }

    private final class Handler extends SimpleChannelInboundHandler<WebSocketFrame> {
        private final boolean sendInit;

        Handler(boolean sendInit) {
            this.sendInit = sendInit;
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt == WebSocketClientProtocolHandler.ClientHandshakeStateEvent.HANDSHAKE_COMPLETE) {
                if (sendInit) {
                    // ctx.channel(), not the field: the handshake can finish before connect() returns.
                    ctx.channel().writeAndFlush(new TextWebSocketFrame(
                            Unpooled.wrappedBuffer(ProtocolCodec.encode(new B2M.Init(id)))));
                }
                open.complete(ctx.channel());
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (frame instanceof CloseWebSocketFrame close) {
                closeCode = close.statusCode();
                ctx.close();
                return;
            }
            if (!(frame instanceof TextWebSocketFrame) && !(frame instanceof BinaryWebSocketFrame)) {
                return;
            }
            byte[] bytes = ByteBufUtil.getBytes(frame.content());
            frames.add(new RecordedFrame(frame instanceof BinaryWebSocketFrame, bytes, System.nanoTime()));
            try {
                messages.add(ProtocolCodec.decodeM2B(bytes));
            } catch (RuntimeException e) {
                // Not M2B: kept in frames only.
            }
        }
    }
}
