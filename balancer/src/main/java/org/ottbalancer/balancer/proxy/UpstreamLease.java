package org.ottbalancer.balancer.proxy;

import io.netty.channel.Channel;
import java.util.function.Consumer;

/** A monolith connection borrowed for one exchange; handing it back happens exactly once. */
final class UpstreamLease {
    private final Channel channel;
    private final Consumer<Channel> giveBack;
    private boolean returned;

    UpstreamLease(Channel channel, Consumer<Channel> giveBack) {
        this.channel = channel;
        this.giveBack = giveBack;
    }

    Channel channel() {
        return channel;
    }

    /**
     * @param reusable whether the connection is in a clean state for the next exchange; if not it
     *     is closed first, and the pool's release health check then drops it
     */
    void giveBack(boolean reusable) {
        if (returned) {
            return;
        }
        returned = true;
        if (!reusable || !channel.isActive()) {
            channel.close();
        }
        giveBack.accept(channel);
    }
}
