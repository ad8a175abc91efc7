package org.ottbalancer.agent.http;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.ottbalancer.agent.relay.BalancerLinks;
import org.ottbalancer.agent.relay.MonolithDialer;

/**
 * Whether the agent can do its job: relay links to the monolith. Ready means the monolith's
 * balancing port accepts connections, known from a live relayed link or, without one, from a TCP
 * connect every {@link #INTERVAL_MILLIS} ms (a bare connect leaves no link state in the monolith,
 * unlike a WebSocket probe that would register as a balancer).
 *
 * <p>Draining does not make the agent unready: balancers must keep reaching it (and through it the
 * monolith) until every room has moved, and "no new rooms" travels as {@code ext_status} and in the
 * registry, not through Kubernetes endpoints.
 */
public final class Readiness implements AutoCloseable {
    static final long INTERVAL_MILLIS = 1_000;

    private final MonolithDialer dialer;
    private final BalancerLinks links;
    private final EventLoopGroup group;
    private volatile boolean monolithReachable;
    private volatile String lastError = "not checked yet";
    private ScheduledFuture<?> task;
    private volatile boolean closed;

    public Readiness(MonolithDialer dialer, BalancerLinks links, EventLoopGroup group) {
        this.dialer = dialer;
        this.links = links;
        this.group = group;
    }

    public void start() {
        task = group.next().scheduleWithFixedDelay(this::check, 0, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
    }

    public boolean monolithReachable() {
        return monolithReachable || links.anyWithMonolith().isPresent();
    }

    /** Why the monolith is not reachable, for the 503 body. */
    public String lastError() {
        return lastError;
    }

    private void check() {
        if (closed || group.isShuttingDown()) {
            return;
        }
        if (links.anyWithMonolith().isPresent()) {
            monolithReachable = true;
            return;
        }
        dialer.probe(group.next()).addListener((ChannelFutureListener) f -> {
            if (f.isSuccess()) {
                monolithReachable = true;
                f.channel().close();
            } else {
                monolithReachable = false;
                lastError = "monolith balancing port " + dialer.endpoint() + " refused: " + f.cause().getMessage();
            }
        });
    }

    @Override
    public void close() {
        closed = true;
        if (task != null) {
            task.cancel(false);
        }
    }
}
