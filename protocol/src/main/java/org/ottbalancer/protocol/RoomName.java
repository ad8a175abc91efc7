package org.ottbalancer.protocol;

import java.util.Objects;

/**
 * A room name as a client or monolith spelled it.
 *
 * <p>Equality and hashing ignore ASCII case ({@code Foo} equals {@code foo}) because every map in
 * the balancer must treat them as one room, while {@link #value()} keeps the original spelling so
 * that it can be echoed back verbatim (for example in {@code join}).
 */
public final class RoomName implements Comparable<RoomName> {
    private final String value;
    private final String key;

    private RoomName(String value) {
        this.value = value;
        this.key = asciiLowerCase(value);
    }

    public static RoomName of(String value) {
        Objects.requireNonNull(value, "room name");
        return new RoomName(value);
    }

    /** The name exactly as it was written. */
    public String value() {
        return value;
    }

    /** The ASCII-lower-cased form used for equality, hashing and ordering. */
    public String key() {
        return key;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RoomName other && key.equals(other.key);
    }

    @Override
    public int hashCode() {
        return key.hashCode();
    }

    @Override
    public int compareTo(RoomName o) {
        return key.compareTo(o.key);
    }

    @Override
    public String toString() {
        return value;
    }

    /** Lower-cases only A-Z, like Rust's {@code to_ascii_lowercase}; other characters are left alone. */
    static String asciiLowerCase(String s) {
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (c >= 'A' && c <= 'Z') {
                break;
            }
            i++;
        }
        if (i == n) {
            return s;
        }
        char[] chars = s.toCharArray();
        for (; i < n; i++) {
            char c = chars[i];
            if (c >= 'A' && c <= 'Z') {
                chars[i] = (char) (c + ('a' - 'A'));
            }
        }
        return new String(chars);
    }
}
