package org.ottbalancer.monolith.link;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Every open balancer link, handshake finished or not, so that shutdown can close them all. */
public final class LinkRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(LinkRegistry.class);
    private final Set<BalancerLink> open = ConcurrentHashMap.newKeySet();

    void opened(BalancerLink link) {
        open.add(link);
    }

    void closed(BalancerLink link) {
        open.remove(link);
    }

    public int size() {
        return open.size();
    }

    /**
     * Closes every link with 1001 "Server shutting down" and waits up to {@code wait} for them to
     * be gone. Blocks the caller: never call it on an event loop.
     */
    public void closeAll(Duration wait) {
        List<BalancerLink> links = new ArrayList<>(open);
        for (BalancerLink l : links) {
            l.close(1001, BalancerLink.SHUTDOWN_REASON);
        }
        long deadline = System.nanoTime() + wait.toNanos();
        for (BalancerLink l : links) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !l.channel().closeFuture().awaitUninterruptibly(left, TimeUnit.NANOSECONDS)) {
                LOG.warn("balancer link {} did not close within {}", l.balancerId(), wait);
                l.channel().close();
            }
        }
    }
}
