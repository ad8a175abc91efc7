package org.ottbalancer.agent.support;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpObjectAggregator;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.codec.http.websocketx.BinaryWebSocketFrame;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrame;
import io.netty.handler.codec.http.websocketx.WebSocketFrameAggregator;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolConfig;
import io.netty.handler.codec.http.websocketx.WebSocketServerProtocolHandler;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.GossipEntry;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.ProtocolCodec;
import org.ottbalancer.protocol.RawJson;
import org.ottbalancer.protocol.RoomMetadata;
import org.ottbalancer.protocol.RoomName;
import org.ottbalancer.protocol.UnloadReason;
import org.ottbalancer.protocol.Visibility;

/**
 * A minimal monolith speaking the M2B side: init on accept, gossip after the balancer's init, joins
 * answered with a targeted {@code room_msg} (loading the room first, with {@code loaded}), and
 * {@code unload} honoured like OTT does (kick 1001 for each client, then {@code unloaded Commanded}).
 * It records every frame it receives, byte for byte.
 */
public final class FakeMonolith implements AutoCloseable {
    public final UUID id = UUID.randomUUID();
    private final Channel server;
    private final List<Link> links = new CopyOnWriteArrayList<>();
    private final Map<RoomName, Long> rooms = new LinkedHashMap<>();
    private final Map<UUID, Link> clientLinks = new HashMap<>();
    private final Map<UUID, RoomName> clientRooms = new HashMap<>();
    private final List<RoomName> unloadsReceived = new CopyOnWriteArrayList<>();
    private long nextEpoch = 42;
    private volatile boolean honourUnloads = true;

    /** One link from the agent (or a balancer). */
    public static final class Link {
        public final Channel channel;
        public final List<RecordedFrame> frames = new CopyOnWriteArrayList<>();
        public final List<B2M> messages = new CopyOnWriteArrayList<>();
        public volatile UUID balancerId;

        Link(Channel channel) {
            this.channel = channel;
        }
    }

    private FakeMonolith(int port) throws InterruptedException {
        WebSocketServerProtocolConfig ws = WebSocketServerProtocolConfig.newBuilder()
                .websocketPath("/").checkStartsWith(true).maxFramePayloadLength(32 * 1024 * 1024).build();
        server = new ServerBootstrap()
                .group(TestNetty.GROUP)
                .channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new HttpServerCodec(), new HttpObjectAggregator(65536),
                                new WebSocketServerProtocolHandler(ws), new WebSocketFrameAggregator(32 * 1024 * 1024),
                                new Handler());
                    }
                })
                .bind("127.0.0.1", port).sync().channel();
    }

    public static FakeMonolith start() {
        return start(0);
    }

    public static FakeMonolith start(int port) {
        try {
            return new FakeMonolith(port);
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    public int port() {
        return ((InetSocketAddress) server.localAddress()).getPort();
    }

    /** Links whose socket is open. */
    public List<Link> openLinks() {
        List<Link> open = new ArrayList<>();
        for (Link l : links) {
            if (l.channel.isActive()) {
                open.add(l);
            }
        }
        return open;
    }

    public List<Link> allLinks() {
        return List.copyOf(links);
    }

    public void honourUnloads(boolean honour) {
        honourUnloads = honour;
    }

    public List<RoomName> unloadsReceived() {
        return List.copyOf(unloadsReceived);
    }

    public synchronized List<String> rooms() {
        List<String> names = new ArrayList<>();
        rooms.keySet().forEach(r -> names.add(r.value()));
        return names;
    }

    /** Loads a room without a client (as after an HTTP request) and tells every link. */
    public void load(String room) {
        long epoch;
        synchronized (this) {
            epoch = nextEpoch++;
            rooms.put(RoomName.of(room), epoch);
        }
        broadcast(new M2B.Loaded(metadata(room), epoch));
    }

    /** Drops a room on its own (keepalive), telling every link. */
    public void unloadOnItsOwn(String room) {
        synchronized (this) {
            rooms.remove(RoomName.of(room));
        }
        broadcast(new M2B.Unloaded(RoomName.of(room), UnloadReason.Keepalive));
    }

    /** Forgets a room without telling anyone (the next gossip reveals it). */
    public synchronized void forgetSilently(String room) {
        rooms.remove(RoomName.of(room));
    }

    public void gossip() {
        for (Link l : openLinks()) {
            send(l, gossipMessage());
        }
    }

    public void broadcast(M2B message) {
        for (Link l : openLinks()) {
            send(l, message);
        }
    }

    public void send(Link link, M2B message) {
        link.channel.writeAndFlush(new TextWebSocketFrame(Unpooled.wrappedBuffer(ProtocolCodec.encode(message))));
    }

    public void sendRaw(Link link, boolean binary, byte[] bytes) {
        WebSocketFrame f = binary ? new BinaryWebSocketFrame(Unpooled.wrappedBuffer(bytes))
                : new TextWebSocketFrame(Unpooled.wrappedBuffer(bytes));
        link.channel.writeAndFlush(f);
    }

    /** Closes every link's socket (as a crash would). */
    public void dropLinks() {
        for (Link l : links) {
            l.channel.close();
        }
    }

    @Override
    public void close() {
        server.close().syncUninterruptibly();
        dropLinks();
    }

    private synchronized M2B.Gossip gossipMessage() {
        List<GossipEntry> entries = new ArrayList<>();
        rooms.forEach((name, epoch) -> entries.add(new GossipEntry(metadata(name.value()), epoch)));
        return new M2B.Gossip(entries);
    }

    private static RoomMetadata metadata(String room) {
        return new RoomMetadata(RoomName.of(room), RawJson.of("\"Title of " + room + "\""), RawJson.of("\"\""),
                RawJson.of("false"), Visibility.PUBLIC, RawJson.of("\"manual\""), RawJson.NULL, RawJson.of("0"));
    }

    private void handle(Link link, B2M m) {
        if (m instanceof B2M.Init init) {
            link.balancerId = init.id();
            send(link, gossipMessage());
        } else if (m instanceof B2M.Join join) {
            boolean newlyLoaded;
            long epoch;
            synchronized (this) {
                newlyLoaded = !rooms.containsKey(join.room());
                if (newlyLoaded) {
                    rooms.put(join.room(), nextEpoch++);
                }
                epoch = rooms.get(join.room());
                clientLinks.put(join.client(), link);
                clientRooms.put(join.client(), join.room());
            }
            if (newlyLoaded) {
                broadcast(new M2B.Loaded(metadata(join.room().value()), epoch));
            }
            send(link, M2B.RoomMsg.to(join.room(), join.client(), RawJson.of("{\"action\":\"you\",\"info\":{\"id\":\""
                    + join.client() + "\"}}")));
        } else if (m instanceof B2M.Leave leave) {
            synchronized (this) {
                clientLinks.remove(leave.client());
                clientRooms.remove(leave.client());
            }
        } else if (m instanceof B2M.Unload unload) {
            unloadsReceived.add(unload.room());
            if (honourUnloads) {
                commandedUnload(unload.room());
            }
        }
    }

    private void commandedUnload(RoomName room) {
        Map<UUID, Link> kicked = new HashMap<>();
        synchronized (this) {
            if (rooms.remove(room) == null) {
                return;
            }
            clientRooms.forEach((client, r) -> {
                if (r.equals(room)) {
                    kicked.put(client, clientLinks.get(client));
                }
            });
            kicked.keySet().forEach(c -> {
                clientRooms.remove(c);
                clientLinks.remove(c);
            });
        }
        kicked.forEach((client, link) -> send(link, new M2B.Kick(client, 1001)));
        broadcast(new M2B.Unloaded(room, UnloadReason.Commanded));
    }

    private final class Handler extends SimpleChannelInboundHandler<WebSocketFrame> {
        private Link link;

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) throws Exception {
            if (evt instanceof WebSocketServerProtocolHandler.HandshakeComplete) {
                link = new Link(ctx.channel());
                links.add(link);
                send(link, new M2B.Init(3000, "test-region", id));
            }
            super.userEventTriggered(ctx, evt);
        }

        @Override
        protected void channelRead0(ChannelHandlerContext ctx, WebSocketFrame frame) {
            if (!(frame instanceof TextWebSocketFrame) && !(frame instanceof BinaryWebSocketFrame)) {
                return;
            }
            byte[] bytes = ByteBufUtil.getBytes(frame.content());
            link.frames.add(new RecordedFrame(frame instanceof BinaryWebSocketFrame, bytes, System.nanoTime()));
            B2M message;
            try {
                message = ProtocolCodec.decodeB2M(bytes);
            } catch (RuntimeException e) {
                return;
            }
            link.messages.add(message);
            handle(link, message);
        }
    }
}
