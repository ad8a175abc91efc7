package org.ottbalancer.balancer.routing;

/**
 * SipHash-2-4 (Aumasson and Bernstein) with a fixed 128-bit key: a well-mixed, keyed 64-bit hash
 * of a byte string.
 *
 * <p>It is used to place rooms and virtual nodes on the consistent-hash ring. SipHash was chosen
 * over {@link String#hashCode()} because ring positions need all 64 bits to be well distributed,
 * and because it is the hash family upstream's ring uses too. The key is fixed, not random, since
 * every balancer process must put a given room on the same ring position.
 */
final class SipHash24 {
    private final long k0;
    private final long k1;

    /** Both key halves as little-endian words, as in the reference implementation. */
    SipHash24(long k0, long k1) {
        this.k0 = k0;
        this.k1 = k1;
    }

    long hash(byte[] data) {
        State s = new State(k0, k1);
        int length = data.length;
        int wholeWords = length & ~7;
        for (int offset = 0; offset < wholeWords; offset += 8) {
            s.absorb(littleEndianWord(data, offset, 8));
        }
        long last = ((long) length) << 56;
        last |= littleEndianWord(data, wholeWords, length - wholeWords);
        s.absorb(last);
        return s.finish();
    }

    private static long littleEndianWord(byte[] data, int offset, int count) {
        long word = 0;
        for (int i = count - 1; i >= 0; i--) {
            word = (word << 8) | (data[offset + i] & 0xFFL);
        }
        return word;
    }

    /** The four state words of one hash computation. */
    private static final class State {
        private long v0;
        private long v1;
        private long v2;
        private long v3;

        State(long k0, long k1) {
            v0 = k0 ^ 0x736f6d6570736575L;
            v1 = k1 ^ 0x646f72616e646f6dL;
            v2 = k0 ^ 0x6c7967656e657261L;
            v3 = k1 ^ 0x7465646279746573L;
        }

        void absorb(long word) {
            v3 ^= word;
            rounds(2);
            v0 ^= word;
        }

        long finish() {
            v2 ^= 0xff;
            rounds(4);
            return v0 ^ v1 ^ v2 ^ v3;
        }

        private void rounds(int count) {
            for (int i = 0; i < count; i++) {
                v0 += v1;
                v1 = Long.rotateLeft(v1, 13);
                v1 ^= v0;
                v0 = Long.rotateLeft(v0, 32);
                v2 += v3;
                v3 = Long.rotateLeft(v3, 16);
                v3 ^= v2;
                v0 += v3;
                v3 = Long.rotateLeft(v3, 21);
                v3 ^= v0;
                v2 += v1;
                v1 = Long.rotateLeft(v1, 17);
                v1 ^= v2;
                v2 = Long.rotateLeft(v2, 32);
            }
        }
    }
}
