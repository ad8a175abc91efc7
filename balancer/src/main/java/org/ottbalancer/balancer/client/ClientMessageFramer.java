package org.ottbalancer.balancer.client;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.CompositeByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/**
 * Wraps a client's frame into {@code {"type":"client_msg","payload":{"client_id":"…","payload":<frame>}}}
 * by surrounding its bytes, never by parsing and re-serialising the client's JSON. Small frames are
 * copied into one buffer (cheaper than a composite); large ones are referenced, not copied.
 */
final class ClientMessageFramer {
    private static final int COPY_THRESHOLD = 1024;
    private static final byte[] SUFFIX = "}}".getBytes(StandardCharsets.US_ASCII);

    private final byte[] prefix;

    ClientMessageFramer(UUID clientId) {
        this.prefix = ("{\"type\":\"client_msg\",\"payload\":{\"client_id\":\"" + clientId + "\",\"payload\":")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /** The wrapped message; does not take ownership of {@code json}. */
    ByteBuf wrap(ByteBufAllocator alloc, ByteBuf json) {
        int n = json.readableBytes();
        if (n <= COPY_THRESHOLD) {
            ByteBuf out = alloc.buffer(prefix.length + n + SUFFIX.length);
            out.writeBytes(prefix).writeBytes(json, json.readerIndex(), n).writeBytes(SUFFIX);
            return out;
        }
        CompositeByteBuf out = alloc.compositeBuffer(3);
        out.addComponents(true, Unpooled.wrappedBuffer(prefix), json.retainedDuplicate(), Unpooled.wrappedBuffer(SUFFIX));
        return out;
    }
}
