package org.ottbalancer.protocol;

import java.util.UUID;

/** Parses UUIDs the way the protocol writes them: 36-character hyphenated or 32-character plain hex. */
public final class Uuids {
    private Uuids() {
    }

    public static UUID parse(String s) {
        String hex;
        if (s.length() == 36) {
            if (s.charAt(8) != '-' || s.charAt(13) != '-' || s.charAt(18) != '-' || s.charAt(23) != '-') {
                throw new ProtocolException("\"" + s + "\" is not a UUID");
            }
            hex = s.substring(0, 8) + s.substring(9, 13) + s.substring(14, 18) + s.substring(19, 23) + s.substring(24);
        } else if (s.length() == 32) {
            hex = s;
        } else {
            throw new ProtocolException("\"" + abbreviate(s) + "\" is not a UUID");
        }
        long hi = 0;
        long lo = 0;
        for (int i = 0; i < 32; i++) {
            int d = Character.digit(hex.charAt(i), 16);
            if (d < 0) {
                throw new ProtocolException("\"" + s + "\" is not a UUID");
            }
            if (i < 16) {
                hi = (hi << 4) | d;
            } else {
                lo = (lo << 4) | d;
            }
        }
        return new UUID(hi, lo);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 37) + "...";
    }
}
