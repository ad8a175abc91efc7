package org.ottbalancer.bench.load;

import io.netty.buffer.ByteBufAllocator;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Open-loop sender: a total rate of messages spread round-robin over the given clients, ticking
 * every millisecond on each client's own event loop (no cross-thread hand-off per message). Sends
 * never wait for answers, so a slow target shows up as latency instead of a lower offered load.
 */
public final class Pacer implements AutoCloseable {
    private final List<ScheduledFuture<?>> ticks = new ArrayList<>();
    private final LongAdder sent = new LongAdder();

    /**
     * @param senders the clients that send
     * @param totalPerSecond messages per second over all senders
     * @param payloads what to send
     */
    public Pacer(List<BenchClient> senders, double totalPerSecond, Payloads payloads) {
        Map<EventLoop, List<BenchClient>> byLoop = new HashMap<>();
        for (BenchClient c : senders) {
            byLoop.computeIfAbsent(c.channel().eventLoop(), k -> new ArrayList<>()).add(c);
        }
        for (Map.Entry<EventLoop, List<BenchClient>> e : byLoop.entrySet()) {
            double share = totalPerSecond * e.getValue().size() / senders.size();
            LoopSender s = new LoopSender(e.getValue(), share, payloads, sent);
            ticks.add(e.getKey().scheduleAtFixedRate(s, 1, 1, TimeUnit.MILLISECONDS));
        }
    }

    public long sent() {
        return sent.sum();
    }

    @Override
    public void close() {
        for (ScheduledFuture<?> f : ticks) {
            f.cancel(false);
        }
    }

    private static final class LoopSender implements Runnable {
        /** After a stall (GC, descheduling) catch up at most this much at once rather than bursting. */
        private static final long MAX_CATCH_UP_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

        private final List<BenchClient> clients;
        private final double perNano;
        private final Payloads payloads;
        private final LongAdder sent;
        private long startNanos = -1;
        private long issued;
        private int cursor;

        LoopSender(List<BenchClient> clients, double perSecond, Payloads payloads, LongAdder sent) {
            this.clients = clients;
            this.perNano = perSecond / 1e9;
            this.payloads = payloads;
            this.sent = sent;
        }

        @Override
        public void run() {
            long now = System.nanoTime();
            if (startNanos < 0) {
                startNanos = now;
            }
            long due = (long) ((now - startNanos) * perNano);
            long lag = due - issued;
            long maxBatch = Math.max(1, (long) (MAX_CATCH_UP_NANOS * perNano));
            if (lag > maxBatch) {
                // Drop what cannot be sent in time: the achieved rate in the report shows the shortfall.
                issued = due - maxBatch;
                lag = maxBatch;
            }
            ByteBufAllocator alloc = ByteBufAllocator.DEFAULT;
            int n = clients.size();
            for (long i = 0; i < lag; i++) {
                BenchClient c = clients.get(cursor);
                cursor = cursor + 1 == n ? 0 : cursor + 1;
                if (c.isOpen()) {
                    c.send(payloads.encode(alloc, Payloads.now()));
                    sent.increment();
                }
                issued++;
            }
        }
    }
}
