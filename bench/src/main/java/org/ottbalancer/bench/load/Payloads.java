package org.ottbalancer.bench.load;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The bench-mode messages the swarm sends and recognises. A message carries its send time in
 * {@code "t"} (nanoseconds since {@link #EPOCH}), so the receiver of an echo or broadcast measures
 * the latency from the payload alone; the sample monolith returns payloads byte for byte.
 */
public final class Payloads {
    /** Origin of every {@code "t"}: keeps the numbers positive and short. */
    public static final long EPOCH = System.nanoTime();

    private static final byte[] ECHO_PREFIX = ascii("{\"action\":\"echo\",\"t\":");
    private static final byte[] BROADCAST_PREFIX = ascii("{\"action\":\"broadcast\",\"t\":");
    private static final byte[] YOU_PREFIX = ascii("{\"action\":\"you\"");

    /** What a received text frame is, as far as the swarm cares. */
    public enum Kind { ECHO, BROADCAST, YOU, OTHER }

    private final byte[] prefix;
    private final byte[] suffix;

    private Payloads(byte[] prefix, int totalBytes) {
        this.prefix = prefix;
        // ,"pad":"xxx"} sized so that a typical 15-digit timestamp gives the requested total.
        int padLength = Math.max(0, totalBytes - prefix.length - 15 - ",\"pad\":\"\"}".length());
        char[] pad = new char[padLength];
        Arrays.fill(pad, 'x');
        this.suffix = ascii(",\"pad\":\"" + new String(pad) + "\"}");
    }

    public static Payloads echo(int totalBytes) {
        return new Payloads(ECHO_PREFIX, totalBytes);
    }

    public static Payloads broadcast(int totalBytes) {
        return new Payloads(BROADCAST_PREFIX, totalBytes);
    }

    public static long now() {
        return System.nanoTime() - EPOCH;
    }

    /** A new message stamped with {@code t}; the caller owns the buffer. */
    public ByteBuf encode(ByteBufAllocator alloc, long t) {
        ByteBuf buf = alloc.buffer(prefix.length + 20 + suffix.length);
        buf.writeBytes(prefix);
        writeDecimal(buf, t);
        buf.writeBytes(suffix);
        return buf;
    }

    public static Kind classify(ByteBuf frame) {
        if (startsWith(frame, ECHO_PREFIX)) {
            return Kind.ECHO;
        }
        if (startsWith(frame, BROADCAST_PREFIX)) {
            return Kind.BROADCAST;
        }
        if (startsWith(frame, YOU_PREFIX)) {
            return Kind.YOU;
        }
        return Kind.OTHER;
    }

    /** The {@code "t"} of an echo or broadcast frame, or -1 if it has none. */
    public static long timestamp(ByteBuf frame, Kind kind) {
        int i = frame.readerIndex() + (kind == Kind.ECHO ? ECHO_PREFIX.length : BROADCAST_PREFIX.length);
        int end = frame.writerIndex();
        long v = 0;
        int digits = 0;
        for (; i < end; i++) {
            byte b = frame.getByte(i);
            if (b < '0' || b > '9') {
                break;
            }
            v = v * 10 + (b - '0');
            digits++;
        }
        return digits == 0 ? -1 : v;
    }

    static void writeDecimal(ByteBuf buf, long v) {
        if (v < 0) {
            throw new IllegalArgumentException("timestamps are never negative: " + v);
        }
        byte[] tmp = new byte[20];
        int pos = tmp.length;
        do {
            tmp[--pos] = (byte) ('0' + (v % 10));
            v /= 10;
        } while (v != 0);
        buf.writeBytes(tmp, pos, tmp.length - pos);
    }

    private static boolean startsWith(ByteBuf frame, byte[] prefix) {
        if (frame.readableBytes() < prefix.length) {
            return false;
        }
        int base = frame.readerIndex();
        for (int i = 0; i < prefix.length; i++) {
            if (frame.getByte(base + i) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
