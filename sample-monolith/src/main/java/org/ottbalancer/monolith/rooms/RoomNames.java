package org.ottbalancer.monolith.rooms;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/** Which room names a client may use, and random names for generated rooms. */
public final class RoomNames {
    /** OTT's rule: letters, digits, {@code _} and {@code -}, 3 to 32 characters, any case. */
    private static final Pattern VALID = Pattern.compile("^[a-zA-Z0-9_-]{3,32}$");
    private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789".toCharArray();
    private static final SecureRandom RANDOM = new SecureRandom();

    private RoomNames() {
    }

    public static boolean isValid(String name) {
        return name != null && VALID.matcher(name).matches();
    }

    /** Explains why {@code name} is not valid, for error replies. */
    public static String rule() {
        return "room names are 3-32 characters of letters, digits, '_' and '-'";
    }

    /** A random name for a generated room (12 characters, about 62 bits). */
    public static String random() {
        char[] c = new char[12];
        for (int i = 0; i < c.length; i++) {
            c[i] = ALPHABET[RANDOM.nextInt(ALPHABET.length)];
        }
        return new String(c);
    }
}
