package org.ottbalancer.balancer.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import org.junit.jupiter.api.Test;

class SipHash24Test {
    /** The key 00 01 .. 0f of the SipHash paper's test vectors, as two little-endian words. */
    private static final SipHash24 REFERENCE_KEY = new SipHash24(0x0706050403020100L, 0x0f0e0d0c0b0a0908L);

    private static byte[] countingBytes(int length) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) i;
        }
        return bytes;
    }

    @Test
    void emptyInputMatchesTheReferenceVector() {
        assertEquals(0x726fdb47dd0e0e31L, REFERENCE_KEY.hash(new byte[0]));
    }

    @Test
    void fifteenByteInputMatchesThePaperExample() {
        assertEquals(0xa129ca6149be45e5L, REFERENCE_KEY.hash(countingBytes(15)));
    }

    @Test
    void differentKeysGiveDifferentHashesOfTheSameInput() {
        SipHash24 other = new SipHash24(1, 2);
        assertNotEquals(REFERENCE_KEY.hash(countingBytes(8)), other.hash(countingBytes(8)));
    }
}
