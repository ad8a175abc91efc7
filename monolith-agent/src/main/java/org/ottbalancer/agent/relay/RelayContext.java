package org.ottbalancer.agent.relay;

import java.util.concurrent.atomic.AtomicLong;
import org.ottbalancer.agent.tracking.RoomTracker;

/** What every relay link shares: the dialer, the tracker, the link registry, counters, the greeter. */
final class RelayContext {
    private final AtomicLong linkIds = new AtomicLong();
    private final MonolithDialer dialer;
    private final RoomTracker tracker;
    private final BalancerLinks links;
    private final RelayCounters counters;
    private final LinkGreeter greeter;

    RelayContext(MonolithDialer dialer, RoomTracker tracker, BalancerLinks links, RelayCounters counters,
            LinkGreeter greeter) {
        this.dialer = dialer;
        this.tracker = tracker;
        this.links = links;
        this.counters = counters;
        this.greeter = greeter;
    }

    long nextLinkId() {
        return linkIds.incrementAndGet();
    }

    MonolithDialer dialer() {
        return dialer;
    }

    RoomTracker tracker() {
        return tracker;
    }

    RelayCounters counters() {
        return counters;
    }

    LinkGreeter greeter() {
        return greeter;
    }

    void linkOpened(RelayLink link) {
        links.add(link);
    }

    void linkClosed(RelayLink link) {
        links.remove(link);
        tracker.linkClosed(link.id());
        if (links.count() == 0) {
            tracker.roomSetStale();
        }
    }
}
