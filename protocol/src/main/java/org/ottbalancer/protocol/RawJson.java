package org.ottbalancer.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A JSON value carried through verbatim: the protocol never looks inside payloads and never
 * re-serialises them.
 *
 * <p>The value is a span of a UTF-8 byte array. The codec makes spans of the frame it decoded, so
 * decoding a {@code room_msg} copies nothing; {@link #array()}, {@link #offset()} and
 * {@link #length()} let a caller wrap the same bytes (for example into a network buffer) without
 * another copy. The array must not be modified while the value is in use.
 */
public final class RawJson {
    public static final RawJson NULL = RawJson.of("null");

    private final byte[] array;
    private final int offset;
    private final int length;

    private RawJson(byte[] array, int offset, int length) {
        this.array = array;
        this.offset = offset;
        this.length = length;
    }

    /** Wraps JSON text. The caller promises that it is one valid JSON value. */
    public static RawJson of(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return new RawJson(bytes, 0, bytes.length);
    }

    /** Wraps a span of UTF-8 bytes holding one valid JSON value, without copying. */
    public static RawJson wrap(byte[] array, int offset, int length) {
        if (offset < 0 || length < 0 || offset + length > array.length) {
            throw new IndexOutOfBoundsException("span " + offset + "+" + length + " of " + array.length);
        }
        return new RawJson(array, offset, length);
    }

    public byte[] array() {
        return array;
    }

    public int offset() {
        return offset;
    }

    public int length() {
        return length;
    }

    /** A copy of the bytes of this value. */
    public byte[] toBytes() {
        return Arrays.copyOfRange(array, offset, offset + length);
    }

    /** The JSON text of this value. */
    public String text() {
        return new String(array, offset, length, StandardCharsets.UTF_8);
    }

    public boolean isNull() {
        return length == 4 && array[offset] == 'n' && array[offset + 1] == 'u' && array[offset + 2] == 'l'
                && array[offset + 3] == 'l';
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawJson other
                && Arrays.equals(array, offset, offset + length, other.array, other.offset, other.offset + other.length);
    }

    @Override
    public int hashCode() {
        int h = 1;
        for (int i = offset; i < offset + length; i++) {
            h = 31 * h + array[i];
        }
        return h;
    }

    @Override
    public String toString() {
        return text();
    }
}
