package org.ottbalancer.balancer.discovery;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;

/**
 * Picks channel classes that can register with the balancer's event loop group. Discovery does
 * not own the group, so it must follow whatever transport the group was built with (epoll in
 * production when available, NIO otherwise).
 */
final class Transport {
    private Transport() {
    }

    static Class<? extends ServerSocketChannel> serverSocketChannel(EventLoopGroup group) {
        return isEpoll(group) ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    static Class<? extends DatagramChannel> datagramChannel(EventLoopGroup group) {
        return isEpoll(group) ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    // Epoll.isAvailable() comes first so that epoll classes are only touched where the native
    // library loads.
    private static boolean isEpoll(EventLoopGroup group) {
        return Epoll.isAvailable()
                && group instanceof IoEventLoopGroup ioGroup
                && ioGroup.isIoType(EpollIoHandler.class);
    }
}
