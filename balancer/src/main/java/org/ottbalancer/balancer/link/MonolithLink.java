package org.ottbalancer.balancer.link;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFutureListener;
import io.netty.handler.codec.http.websocketx.TextWebSocketFrame;
import io.netty.util.internal.PlatformDependent;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.ottbalancer.balancer.metrics.BalancerMetrics;
import org.ottbalancer.balancer.routing.Candidate;
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.ProtocolCodec;
import org.ottbalancer.protocol.RoomName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A monolith this balancer is linked to after a successful handshake: its identity, the rooms this
 * balancer tracks on it, and the one WebSocket that carries every client's traffic to it.
 *
 * <p>Sends never block. The link's outbound buffer is bounded by the channel's write-buffer water
 * mark; a link that stays unwritable longer than the configured send timeout is evicted, so a stuck
 * monolith cannot grow memory without bound nor stall anyone (upstream evicts after a 1 s wait).
 *
 * <p>Frames come from every client's event loop. Instead of one write-and-flush task (and one
 * wake-up and one system call) per frame, they go into one queue that a single task on the link's
 * loop drains: it writes everything queued and flushes once. Each sender's frames keep their order.
 */
public final class MonolithLink implements Candidate {
    private static final Logger LOG = LoggerFactory.getLogger(MonolithLink.class);

    private final UUID id;
    private final String region;
    private final int httpPort;
    private final String host;
    private final String endpoint;
    private final Channel channel;
    private final BalancerMetrics.MonolithMeters meters;
    private final long sendTimeoutNanos;
    private final long hardLimitBytes;
    private final Map<RoomName, LocalRoom> rooms = new ConcurrentHashMap<>();
    private volatile boolean registryDraining;
    private volatile boolean agentDraining;
    private volatile boolean agentPresent;
    private volatile double load = Double.NaN;
    private volatile long unwritableSinceNanos;
    private final Queue<ByteBuf> outbound = PlatformDependent.newMpscQueue();
    private final AtomicBoolean drainScheduled = new AtomicBoolean();
    /** Bytes in {@link #outbound}, not yet counted by the channel's own outbound buffer. */
    private final AtomicLong queuedBytes = new AtomicLong();
    private final Runnable drain = this::drain;

    public MonolithLink(UUID id, String region, int httpPort, String host, String endpoint, Channel channel,
            BalancerMetrics.MonolithMeters meters, long sendTimeoutNanos, long queueBytes) {
        this.id = id;
        this.region = region;
        this.httpPort = httpPort;
        this.host = host;
        this.endpoint = endpoint;
        this.channel = channel;
        this.meters = meters;
        this.sendTimeoutNanos = sendTimeoutNanos;
        // Beyond the water mark, sends still queue (so a short burst is not an error), but only up
        // to a hard limit; past it the monolith is evicted rather than buffered for without end.
        this.hardLimitBytes = queueBytes * 4;
    }

    @Override
    public UUID id() {
        return id;
    }

    @Override
    public String region() {
        return region;
    }

    public int httpPort() {
        return httpPort;
    }

    /** The host the balancer dialled; HTTP requests for this monolith go to the same host. */
    public String host() {
        return host;
    }

    /** The discovered endpoint ({@code host:port}) this link was dialled at. */
    public String endpoint() {
        return endpoint;
    }

    public Channel channel() {
        return channel;
    }

    public Map<RoomName, LocalRoom> rooms() {
        return rooms;
    }

    @Override
    public int roomCount() {
        return rooms.size();
    }

    /** Draining if the registry says so or the monolith's agent announced it: no new rooms either way. */
    @Override
    public boolean draining() {
        return registryDraining || agentDraining;
    }

    /** The state the registry (file or Kubernetes discovery) publishes for this monolith. */
    public void registryDraining(boolean value) {
        registryDraining = value;
    }

    /** The state the monolith's agent announced on the link ({@code ext_status}). */
    public void agentDraining(boolean value) {
        agentPresent = true;
        agentDraining = value;
    }

    /** Records that an agent sits on this link (it sent an extension message). */
    public void agentSeen() {
        agentPresent = true;
    }

    /** Whether a monolith agent sits on this link (it has announced itself with {@code ext_status}). */
    public boolean agentPresent() {
        return agentPresent;
    }

    @Override
    public OptionalDouble load() {
        double l = load;
        return Double.isNaN(l) ? OptionalDouble.empty() : OptionalDouble.of(l);
    }

    public void load(Double value) {
        load = value == null ? Double.NaN : value;
    }

    public boolean isOpen() {
        return channel.isActive();
    }

    /** Encodes and sends a control message. Returns false when the link is gone or evicted. */
    public boolean send(B2M message) {
        return sendFrame(Unpooled.wrappedBuffer(ProtocolCodec.encode(message)));
    }

    /**
     * Sends one text frame holding {@code content} (ownership passes to this method). Returns false
     * when the link is gone or had to be evicted because it stayed backed up for too long.
     */
    public boolean sendFrame(ByteBuf content) {
        long start = System.nanoTime();
        if (!channel.isActive()) {
            content.release();
            meters.sendErrors().increment();
            return false;
        }
        if (!channel.isWritable()) {
            meters.outboundFull().increment();
            long since = unwritableSinceNanos;
            if (since == 0) {
                unwritableSinceNanos = start;
            } else if (start - since > sendTimeoutNanos
                    || channel.bytesBeforeWritable() + queuedBytes.get() > hardLimitBytes) {
                content.release();
                meters.sendErrors().increment();
                evict("outbound queue stayed full for longer than the send timeout");
                return false;
            }
        } else if (unwritableSinceNanos != 0) {
            unwritableSinceNanos = 0;
        }
        queuedBytes.addAndGet(content.readableBytes());
        outbound.add(content);
        if (drainScheduled.compareAndSet(false, true)) {
            try {
                channel.eventLoop().execute(drain);
            } catch (RejectedExecutionException e) {
                // The event loop is shutting down with the balancer; nothing will be sent any more.
                drainScheduled.set(false);
                discardQueued();
                meters.sendErrors().increment();
                return false;
            }
        }
        meters.send().record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        return true;
    }

    /** On the link's event loop: writes every queued frame and flushes once. */
    private void drain() {
        // Cleared before polling, so a frame queued after the last poll schedules the next drain.
        drainScheduled.set(false);
        if (!channel.isActive()) {
            discardQueued();
            return;
        }
        boolean wrote = false;
        ByteBuf content;
        while ((content = outbound.poll()) != null) {
            queuedBytes.addAndGet(-content.readableBytes());
            channel.write(new TextWebSocketFrame(content), channel.voidPromise());
            wrote = true;
        }
        if (wrote) {
            channel.flush();
        }
    }

    private void discardQueued() {
        ByteBuf content;
        while ((content = outbound.poll()) != null) {
            queuedBytes.addAndGet(-content.readableBytes());
            content.release();
        }
    }

    /** Called periodically: a link that has been unwritable for longer than the timeout is evicted. */
    public void checkStalled(long nowNanos) {
        long since = unwritableSinceNanos;
        if (since != 0 && !channel.isWritable() && nowNanos - since > sendTimeoutNanos) {
            evict("outbound queue stayed full for longer than the send timeout");
        }
    }

    /** Records that the link became writable again (from the channel's writability event). */
    public void writable() {
        unwritableSinceNanos = 0;
    }

    /** Marks the start of a stall from the channel's writability event. */
    public void unwritable() {
        if (unwritableSinceNanos == 0) {
            unwritableSinceNanos = System.nanoTime();
        }
    }

    /** Drops the link without a Close frame; the connector notices and reconnects later. */
    public void evict(String why) {
        if (channel.isActive()) {
            LOG.warn("evicting monolith {} at {}: {}", id, endpoint, why);
            channel.close().addListener(ChannelFutureListener.CLOSE_ON_FAILURE);
        }
    }

    @Override
    public String toString() {
        return "monolith " + id + " (" + endpoint + ", region " + region + ")";
    }
}
