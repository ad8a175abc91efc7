package org.ottbalancer.protocol;

/** Room visibility; only {@link #PUBLIC} rooms appear in {@code /api/room/list}. */
public enum Visibility {
    PUBLIC("public"),
    UNLISTED("unlisted"),
    PRIVATE("private");

    private final String wire;

    Visibility(String wire) {
        this.wire = wire;
    }

    public String wire() {
        return wire;
    }

    public static Visibility fromWire(String s) {
        for (Visibility v : values()) {
            if (v.wire.equals(s)) {
                return v;
            }
        }
        throw new ProtocolException("unknown visibility \"" + s + "\"");
    }
}
