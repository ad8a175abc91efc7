package org.ottbalancer.balancer.link;

import io.netty.buffer.ByteBuf;
import io.netty.channel.EventLoop;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;
import org.ottbalancer.balancer.client.ClientSession;

/**
 * The client-bound frames of one read burst of a monolith link, grouped by the event loop of their
 * clients. {@link #dispatch} hands every loop ONE task that queues its frames and then flushes each
 * client once, so a burst of messages costs one hand-over per event loop and one system call per
 * client instead of one of each per message. Frames keep their order per client, and the link's
 * handler dispatches before anything else that could overtake them (a kick, a room change).
 *
 * <p>Used only on the link's event loop.
 */
final class DeliveryBatch {
    /** A burst longer than this is dispatched early, to bound the memory held for it. */
    static final int MAX_FRAMES = 4096;

    private final EventLoop home;
    private final Map<EventLoop, Frames> byLoop = new HashMap<>();
    private int size;

    DeliveryBatch(EventLoop home) {
        this.home = home;
    }

    /** Adds a broadcast frame that {@code client} has accepted (see {@link ClientSession#accept}); takes ownership. */
    void add(ClientSession client, ByteBuf content) {
        add(client, content, false);
    }

    /**
     * Adds a frame the monolith addressed to {@code client} alone, which it has accepted; takes
     * ownership. Queued with {@link ClientSession#enqueueAcceptedAnswer}: it can answer a re-join.
     */
    void addAddressed(ClientSession client, ByteBuf content) {
        add(client, content, true);
    }

    private void add(ClientSession client, ByteBuf content, boolean addressed) {
        byLoop.computeIfAbsent(client.channel().eventLoop(), loop -> new Frames()).add(client, content, addressed);
        if (++size >= MAX_FRAMES) {
            dispatch();
        }
    }

    boolean isEmpty() {
        return size == 0;
    }

    /** Hands every frame to its client's event loop; frames for the link's own loop are written right here. */
    void dispatch() {
        if (size == 0) {
            return;
        }
        size = 0;
        Frames local = null;
        for (Map.Entry<EventLoop, Frames> e : byLoop.entrySet()) {
            Frames frames = e.getValue();
            if (e.getKey() == home) {
                local = frames;
                continue;
            }
            try {
                e.getKey().execute(frames::write);
            } catch (RejectedExecutionException shuttingDown) {
                frames.release();
            }
        }
        byLoop.clear();
        if (local != null) {
            local.write();
        }
    }

    /**
     * The frames for one event loop, in arrival order: client and content alternate; the indexes of
     * the contents addressed to their client alone are kept apart (few: broadcasts dominate).
     */
    private static final class Frames {
        private final List<Object> entries = new ArrayList<>();
        /** Made on the first addressed frame: a burst of broadcasts allocates nothing for it. */
        private BitSet addressed;

        void add(ClientSession client, ByteBuf content, boolean addressedToClient) {
            entries.add(client);
            if (addressedToClient) {
                if (addressed == null) {
                    addressed = new BitSet();
                }
                addressed.set(entries.size());
            }
            entries.add(content);
        }

        /** On the clients' event loop: queue everything, then flush every client that got something. */
        void write() {
            List<ClientSession> toFlush = new ArrayList<>();
            ClientSession last = null;
            for (int i = 0; i < entries.size(); i += 2) {
                ClientSession client = (ClientSession) entries.get(i);
                ByteBuf content = (ByteBuf) entries.get(i + 1);
                boolean queued = addressed != null && addressed.get(i + 1)
                        ? client.enqueueAcceptedAnswer(content)
                        : client.enqueueAccepted(content);
                if (queued && client != last) {
                    toFlush.add(client);
                    last = client;
                }
            }
            // A client listed twice (not in a row) is flushed twice; the second flush finds nothing to write.
            for (ClientSession client : toFlush) {
                client.flush();
            }
        }

        void release() {
            for (int i = 1; i < entries.size(); i += 2) {
                ((ByteBuf) entries.get(i)).release();
            }
        }
    }
}
