package org.ottbalancer.balancer.net;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.IoHandlerFactory;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.DefaultThreadFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The socket transport: native epoll where the kernel and JVM allow it, NIO otherwise. Native epoll
 * saves a copy and a selector wake-up per event, which matters on the relay path.
 */
public record Transport(
        String name,
        IoHandlerFactory ioHandlerFactory,
        Class<? extends ServerSocketChannel> serverChannel,
        Class<? extends SocketChannel> socketChannel,
        Class<? extends DatagramChannel> datagramChannel) {

    private static final Logger LOG = LoggerFactory.getLogger(Transport.class);

    /** Picks epoll when available unless {@code OTT_BALANCER_TRANSPORT=nio} asks for NIO. */
    public static Transport detect() {
        boolean forceNio = "nio".equalsIgnoreCase(System.getenv("OTT_BALANCER_TRANSPORT"))
                || "nio".equalsIgnoreCase(System.getProperty("ott.balancer.transport"));
        if (!forceNio && Epoll.isAvailable()) {
            return epoll();
        }
        if (!forceNio) {
            LOG.info("native epoll transport unavailable ({}), using NIO", Epoll.unavailabilityCause().toString());
        }
        return nio();
    }

    /**
     * The transport an existing group was built with, for components that are handed a group and
     * must create channels that can register with it. Epoll is checked first so that epoll classes
     * are only touched where the native library loads.
     */
    public static Transport of(EventLoopGroup group) {
        boolean epoll = Epoll.isAvailable() && group instanceof IoEventLoopGroup io && io.isIoType(EpollIoHandler.class);
        return epoll ? epoll() : nio();
    }

    /** The transport whose socket channel class is {@code socketChannel}. */
    public static Transport ofSocketChannel(Class<? extends SocketChannel> socketChannel) {
        return Epoll.isAvailable() && EpollSocketChannel.class.isAssignableFrom(socketChannel) ? epoll() : nio();
    }

    private static Transport epoll() {
        return new Transport("epoll", EpollIoHandler.newFactory(), EpollServerSocketChannel.class, EpollSocketChannel.class,
                EpollDatagramChannel.class);
    }

    private static Transport nio() {
        return new Transport("nio", NioIoHandler.newFactory(), NioServerSocketChannel.class, NioSocketChannel.class,
                NioDatagramChannel.class);
    }

    public EventLoopGroup newGroup(int threads, String threadPrefix) {
        return new MultiThreadIoEventLoopGroup(threads, new DefaultThreadFactory(threadPrefix, true), ioHandlerFactory);
    }
}
