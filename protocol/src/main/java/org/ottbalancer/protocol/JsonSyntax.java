package org.ottbalancer.protocol;

/**
 * A strict, allocation-free check of JSON syntax (RFC 8259) over UTF-8 bytes, for the hot paths
 * that only need to know where a value ends and that it is well-formed.
 *
 * <p>It answers either "well-formed, and it ends here" or {@link #NOT_SURE}. It is deliberately
 * stricter than the Jackson parser the codec otherwise uses: whatever it accepts, Jackson accepts
 * too (valid UTF-8 only, no byte-order mark, nesting, number and name lengths kept below Jackson's
 * limits). Anything else, including every malformed input, is left to Jackson, which then gives
 * the verdict and the error message exactly as before. So using this check never changes what is
 * accepted or how a refusal reads; it only makes the common case cheaper.
 */
final class JsonSyntax {
    /** Returned instead of a position when the input is not certainly well-formed. */
    static final int NOT_SURE = -1;

    /** Deeper input is left to Jackson, whose limit is 256. */
    static final int MAX_DEPTH = 200;

    /** Longer numbers are left to Jackson, whose limit is 1000 characters. */
    static final int MAX_NUMBER_LENGTH = 900;

    /** Longer object keys are left to Jackson, whose limit for names is far higher (50,000). */
    static final int MAX_KEY_LENGTH = 1000;

    /** ASCII bytes that may stand for themselves inside a string: not a quote, backslash or control character. */
    private static final boolean[] PLAIN = new boolean[256];

    static {
        for (int c = 0x20; c < 0x80; c++) {
            PLAIN[c] = c != '"' && c != '\\';
        }
    }

    private JsonSyntax() {
    }

    /** Whether the span holds exactly one certainly well-formed JSON value, with optional whitespace around it. */
    static boolean isSingleValue(byte[] b, int offset, int length) {
        int end = offset + length;
        int p = skipWhitespace(b, offset, end);
        p = value(b, p, end, 0);
        return p != NOT_SURE && skipWhitespace(b, p, end) == end;
    }

    /** The first position at or after {@code p} that is not JSON whitespace. */
    static int skipWhitespace(byte[] b, int p, int end) {
        while (p < end) {
            byte c = b[p];
            if (c != ' ' && c != '\n' && c != '\r' && c != '\t') {
                return p;
            }
            p++;
        }
        return p;
    }

    /**
     * The position right after the value that starts at {@code p} (no leading whitespace), or
     * {@link #NOT_SURE}. {@code depth} is the number of containers already open around it.
     */
    static int value(byte[] b, int p, int end, int depth) {
        if (p >= end) {
            return NOT_SURE;
        }
        byte c = b[p];
        if (c == '"') {
            return string(b, p, end);
        }
        if (c == '{') {
            return object(b, p, end, depth + 1);
        }
        if (c == '[') {
            return array(b, p, end, depth + 1);
        }
        if (c == '-' || (c >= '0' && c <= '9')) {
            return number(b, p, end);
        }
        if (c == 't') {
            return literal(b, p, end, 't', 'r', 'u', 'e');
        }
        if (c == 'f') {
            return p + 5 <= end && b[p + 1] == 'a' && b[p + 2] == 'l' && b[p + 3] == 's' && b[p + 4] == 'e'
                    ? p + 5 : NOT_SURE;
        }
        if (c == 'n') {
            return literal(b, p, end, 'n', 'u', 'l', 'l');
        }
        return NOT_SURE;
    }

    private static int literal(byte[] b, int p, int end, char c0, char c1, char c2, char c3) {
        return p + 4 <= end && b[p] == c0 && b[p + 1] == c1 && b[p + 2] == c2 && b[p + 3] == c3 ? p + 4 : NOT_SURE;
    }

    private static int object(byte[] b, int p, int end, int depth) {
        if (depth > MAX_DEPTH) {
            return NOT_SURE;
        }
        p = skipWhitespace(b, p + 1, end);
        if (p < end && b[p] == '}') {
            return p + 1;
        }
        while (true) {
            if (p >= end || b[p] != '"') {
                return NOT_SURE;
            }
            int keyEnd = string(b, p, end);
            if (keyEnd == NOT_SURE || keyEnd - p - 2 > MAX_KEY_LENGTH) {
                return NOT_SURE;
            }
            p = skipWhitespace(b, keyEnd, end);
            if (p >= end || b[p] != ':') {
                return NOT_SURE;
            }
            p = value(b, skipWhitespace(b, p + 1, end), end, depth);
            if (p == NOT_SURE) {
                return NOT_SURE;
            }
            p = skipWhitespace(b, p, end);
            if (p >= end) {
                return NOT_SURE;
            }
            if (b[p] == '}') {
                return p + 1;
            }
            if (b[p] != ',') {
                return NOT_SURE;
            }
            p = skipWhitespace(b, p + 1, end);
        }
    }

    private static int array(byte[] b, int p, int end, int depth) {
        if (depth > MAX_DEPTH) {
            return NOT_SURE;
        }
        p = skipWhitespace(b, p + 1, end);
        if (p < end && b[p] == ']') {
            return p + 1;
        }
        while (true) {
            p = value(b, p, end, depth);
            if (p == NOT_SURE) {
                return NOT_SURE;
            }
            p = skipWhitespace(b, p, end);
            if (p >= end) {
                return NOT_SURE;
            }
            if (b[p] == ']') {
                return p + 1;
            }
            if (b[p] != ',') {
                return NOT_SURE;
            }
            p = skipWhitespace(b, p + 1, end);
        }
    }

    /**
     * The position right after the string whose opening quote is at {@code p}, or {@link #NOT_SURE}.
     * Escapes must be among those JSON defines, control characters must be escaped, and every
     * non-ASCII character must be well-formed UTF-8 (no overlong forms, no surrogates).
     */
    static int string(byte[] b, int p, int end) {
        int i = p + 1;
        while (i < end) {
            // Most bytes of most strings are plain ASCII: skip them with one table look-up each.
            while (i < end && PLAIN[b[i] & 0xFF]) {
                i++;
            }
            if (i >= end) {
                return NOT_SURE;
            }
            byte c = b[i];
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\') {
                i = escape(b, i, end);
                if (i == NOT_SURE) {
                    return NOT_SURE;
                }
            } else if (c >= 0x20) {
                i++;
            } else if (c >= 0) {
                return NOT_SURE;
            } else {
                int n = utf8Sequence(b, i, end);
                if (n == NOT_SURE) {
                    return NOT_SURE;
                }
                i += n;
            }
        }
        return NOT_SURE;
    }

    /**
     * Like {@link #string} but only for strings without escapes, whose bytes between the quotes are
     * then their exact UTF-8 text: the end position, or {@link #NOT_SURE} (also when there is no
     * string at {@code p}).
     */
    static int plainString(byte[] b, int p, int end) {
        if (p >= end || b[p] != '"') {
            return NOT_SURE;
        }
        int i = p + 1;
        while (i < end) {
            while (i < end && PLAIN[b[i] & 0xFF]) {
                i++;
            }
            if (i >= end) {
                return NOT_SURE;
            }
            byte c = b[i];
            if (c == '"') {
                return i + 1;
            }
            if (c == '\\' || (c >= 0 && c < 0x20)) {
                return NOT_SURE;
            }
            if (c >= 0) {
                i++;
            } else {
                int n = utf8Sequence(b, i, end);
                if (n == NOT_SURE) {
                    return NOT_SURE;
                }
                i += n;
            }
        }
        return NOT_SURE;
    }

    private static int escape(byte[] b, int i, int end) {
        if (i + 1 >= end) {
            return NOT_SURE;
        }
        byte e = b[i + 1];
        if (e == '"' || e == '\\' || e == '/' || e == 'b' || e == 'f' || e == 'n' || e == 'r' || e == 't') {
            return i + 2;
        }
        if (e != 'u' || i + 6 > end) {
            return NOT_SURE;
        }
        for (int k = i + 2; k < i + 6; k++) {
            if (!isHexDigit(b[k])) {
                return NOT_SURE;
            }
        }
        return i + 6;
    }

    private static boolean isHexDigit(byte c) {
        return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
    }

    /** The length of the well-formed multi-byte UTF-8 sequence at {@code i}, or {@link #NOT_SURE}. */
    private static int utf8Sequence(byte[] b, int i, int end) {
        int b0 = b[i] & 0xFF;
        int n;
        int lo = 0x80;
        int hi = 0xBF;
        if (b0 >= 0xC2 && b0 <= 0xDF) {
            n = 2;
        } else if (b0 >= 0xE0 && b0 <= 0xEF) {
            n = 3;
            if (b0 == 0xE0) {
                lo = 0xA0;
            } else if (b0 == 0xED) {
                hi = 0x9F;
            }
        } else if (b0 >= 0xF0 && b0 <= 0xF4) {
            n = 4;
            if (b0 == 0xF0) {
                lo = 0x90;
            } else if (b0 == 0xF4) {
                hi = 0x8F;
            }
        } else {
            return NOT_SURE;
        }
        if (i + n > end) {
            return NOT_SURE;
        }
        int b1 = b[i + 1] & 0xFF;
        if (b1 < lo || b1 > hi) {
            return NOT_SURE;
        }
        for (int k = i + 2; k < i + n; k++) {
            if ((b[k] & 0xC0) != 0x80) {
                return NOT_SURE;
            }
        }
        return n;
    }

    /** The position right after the number at {@code p}, or {@link #NOT_SURE}. */
    private static int number(byte[] b, int p, int end) {
        int i = p;
        if (b[i] == '-') {
            i++;
        }
        if (i >= end) {
            return NOT_SURE;
        }
        if (b[i] == '0') {
            i++;
        } else if (b[i] >= '1' && b[i] <= '9') {
            i = digits(b, i, end);
        } else {
            return NOT_SURE;
        }
        if (i < end && b[i] == '.') {
            int after = digits(b, i + 1, end);
            if (after == i + 1) {
                return NOT_SURE;
            }
            i = after;
        }
        if (i < end && (b[i] == 'e' || b[i] == 'E')) {
            i++;
            if (i < end && (b[i] == '+' || b[i] == '-')) {
                i++;
            }
            int after = digits(b, i, end);
            if (after == i) {
                return NOT_SURE;
            }
            i = after;
        }
        // A digit right after a leading zero ("01") is an error for Jackson; the caller sees the
        // digit where it expects a delimiter and answers NOT_SURE.
        return i - p > MAX_NUMBER_LENGTH ? NOT_SURE : i;
    }

    private static int digits(byte[] b, int i, int end) {
        while (i < end && b[i] >= '0' && b[i] <= '9') {
            i++;
        }
        return i;
    }
}
