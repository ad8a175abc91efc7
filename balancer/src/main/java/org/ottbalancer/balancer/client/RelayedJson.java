package org.ottbalancer.balancer.client;

import io.netty.buffer.ByteBuf;
import io.netty.util.concurrent.FastThreadLocal;
import org.ottbalancer.protocol.ProtocolCodec;
import org.ottbalancer.protocol.ProtocolException;

/**
 * The JSON check of every relayed client frame. Frames usually arrive in direct (off-heap)
 * buffers; the check reads them through a scratch array that each event loop reuses, instead of
 * allocating a copy of every frame.
 */
final class RelayedJson {
    /** Frames up to this size use the thread's scratch array; larger ones get a one-off copy. */
    static final int SCRATCH_BYTES = 64 * 1024;

    private static final FastThreadLocal<byte[]> SCRATCH = new FastThreadLocal<>() {
        @Override
        protected byte[] initialValue() {
            return new byte[SCRATCH_BYTES];
        }
    };

    private RelayedJson() {
    }

    /**
     * Checks that the readable bytes of {@code json} are exactly one JSON value; does not move its
     * indexes.
     *
     * @throws ProtocolException when they are not
     */
    static void validate(ByteBuf json) {
        int length = json.readableBytes();
        if (json.hasArray()) {
            ProtocolCodec.validateJson(json.array(), json.arrayOffset() + json.readerIndex(), length);
            return;
        }
        byte[] bytes = length <= SCRATCH_BYTES ? SCRATCH.get() : new byte[length];
        json.getBytes(json.readerIndex(), bytes, 0, length);
        ProtocolCodec.validateJson(bytes, 0, length);
    }
}
