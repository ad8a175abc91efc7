package org.ottbalancer.agent.support;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.util.concurrent.DefaultThreadFactory;

/** One event loop group shared by the fakes of all tests. */
public final class TestNetty {
    public static final EventLoopGroup GROUP =
            new MultiThreadIoEventLoopGroup(2, new DefaultThreadFactory("test-fakes", true), NioIoHandler.newFactory());

    private TestNetty() {
    }
}
