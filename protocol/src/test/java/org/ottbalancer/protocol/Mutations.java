package org.ottbalancer.protocol;

import java.util.Arrays;
import java.util.Random;

/** Random small edits of a byte string, to compare two decoders on inputs nobody thought of. */
final class Mutations {
    private static final byte[] INTERESTING = "{}[]\":,\\ \t\n0123456789-+.eEtrufalsn/ux".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Mutations() {
    }

    /** One to three edits: replace, insert or delete a byte (often a JSON-significant one). */
    static byte[] mutate(byte[] original, Random random) {
        byte[] bytes = original.clone();
        int edits = 1 + random.nextInt(3);
        for (int e = 0; e < edits; e++) {
            byte b = random.nextInt(4) == 0 ? (byte) random.nextInt(256) : INTERESTING[random.nextInt(INTERESTING.length)];
            int kind = bytes.length == 0 ? 1 : random.nextInt(3);
            int at = random.nextInt(bytes.length + (kind == 1 ? 1 : 0));
            if (kind == 0) {
                bytes[at] = b;
            } else if (kind == 1) {
                byte[] longer = new byte[bytes.length + 1];
                System.arraycopy(bytes, 0, longer, 0, at);
                longer[at] = b;
                System.arraycopy(bytes, at, longer, at + 1, bytes.length - at);
                bytes = longer;
            } else {
                byte[] shorter = Arrays.copyOf(bytes, bytes.length - 1);
                System.arraycopy(bytes, at + 1, shorter, at, bytes.length - at - 1);
                bytes = shorter;
            }
        }
        return bytes;
    }
}
