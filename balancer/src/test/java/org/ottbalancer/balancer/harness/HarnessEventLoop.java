package org.ottbalancer.balancer.harness;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

/**
 * One event loop group shared by every mock peer of a test run. Mocks are cheap and short-lived;
 * giving each its own threads would make a test with hundreds of clients spawn hundreds of threads.
 * Daemon threads, so a forgotten mock never keeps the test JVM alive.
 */
final class HarnessEventLoop {
    private static final EventLoopGroup GROUP = new MultiThreadIoEventLoopGroup(
            Math.max(2, Runtime.getRuntime().availableProcessors()),
            new DefaultThreadFactory("test-peer", true),
            NioIoHandler.newFactory());

    private HarnessEventLoop() {
    }

    static EventLoopGroup group() {
        return GROUP;
    }
}
