package org.ottbalancer.protocol;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.UUID;

/**
 * The fast path for the one message a balancer receives by the thousand: {@code room_msg}. One walk
 * over the frame checks its syntax (see {@link JsonSyntax}), finds {@code type}, {@code room},
 * {@code client_id} and the payload's byte range, and creates no parser and no copy.
 *
 * <p>It handles only the plain form: envelope and payload keys without escapes, each at most
 * once, {@code room} and {@code client_id} as strings without escapes ({@code client_id} may also
 * be null or absent), a frame under {@value #MAX_FRAME_BYTES} bytes. For anything else, including
 * every other message type and every malformed frame, it answers null and the caller decodes with
 * Jackson, so results and error messages stay exactly those of the general decoder.
 */
final class RoomMsgScanner {
    /** Larger frames go to Jackson, so no string in them can exceed Jackson's length limits. */
    static final int MAX_FRAME_BYTES = 1 << 20;

    private static final byte[] TYPE = ascii("type");
    private static final byte[] PAYLOAD = ascii("payload");
    private static final byte[] ROOM = ascii("room");
    private static final byte[] CLIENT_ID = ascii("client_id");
    private static final byte[] ROOM_MSG = ascii("room_msg");

    private static final int NOT_SURE = JsonSyntax.NOT_SURE;

    private final byte[] b;
    private final int end;
    // Spans found so far; -1 while absent.
    private int typeStart = -1;
    private int typeEnd = -1;
    private boolean payloadSeen;
    private int roomStart = -1;
    private int roomEnd = -1;
    private boolean clientIdSeen;
    private int clientIdStart = -1;
    private int clientIdEnd = -1;
    private int valueStart = -1;
    private int valueEnd = -1;

    private RoomMsgScanner(byte[] b, int end) {
        this.b = b;
        this.end = end;
    }

    /** The decoded {@code room_msg}, or null when the general decoder must decide. */
    static M2B.RoomMsg scan(byte[] bytes, int offset, int length) {
        if (length > MAX_FRAME_BYTES) {
            return null;
        }
        RoomMsgScanner s = new RoomMsgScanner(bytes, offset + length);
        if (!s.envelope(offset)) {
            return null;
        }
        return s.message();
    }

    private boolean envelope(int p) {
        p = JsonSyntax.skipWhitespace(b, p, end);
        if (p >= end || b[p] != '{') {
            return false;
        }
        p = JsonSyntax.skipWhitespace(b, p + 1, end);
        while (true) {
            int keyEnd = key(p);
            if (keyEnd == NOT_SURE) {
                return false;
            }
            int v = JsonSyntax.skipWhitespace(b, colon(keyEnd), end);
            if (v >= end) {
                return false;
            }
            int after;
            if (keyIs(p, keyEnd, TYPE)) {
                if (typeStart >= 0) {
                    return false;
                }
                after = JsonSyntax.plainString(b, v, end);
                typeStart = v + 1;
                typeEnd = after - 1;
            } else if (keyIs(p, keyEnd, PAYLOAD)) {
                if (payloadSeen || b[v] != '{') {
                    return false;
                }
                payloadSeen = true;
                after = payload(v);
            } else {
                after = JsonSyntax.value(b, v, end, 1);
            }
            if (after == NOT_SURE) {
                return false;
            }
            p = JsonSyntax.skipWhitespace(b, after, end);
            if (p >= end) {
                return false;
            }
            if (b[p] == '}') {
                return JsonSyntax.skipWhitespace(b, p + 1, end) == end;
            }
            if (b[p] != ',') {
                return false;
            }
            p = JsonSyntax.skipWhitespace(b, p + 1, end);
        }
    }

    /** Walks the payload object starting at {@code p}; the position after it, or NOT_SURE. */
    private int payload(int p) {
        p = JsonSyntax.skipWhitespace(b, p + 1, end);
        if (p < end && b[p] == '}') {
            return p + 1;
        }
        while (true) {
            int keyEnd = key(p);
            if (keyEnd == NOT_SURE) {
                return NOT_SURE;
            }
            int v = JsonSyntax.skipWhitespace(b, colon(keyEnd), end);
            if (v >= end) {
                return NOT_SURE;
            }
            int after;
            if (keyIs(p, keyEnd, ROOM)) {
                if (roomStart >= 0) {
                    return NOT_SURE;
                }
                after = JsonSyntax.plainString(b, v, end);
                roomStart = v + 1;
                roomEnd = after - 1;
            } else if (keyIs(p, keyEnd, CLIENT_ID)) {
                if (clientIdSeen) {
                    return NOT_SURE;
                }
                clientIdSeen = true;
                if (b[v] == 'n') {
                    after = JsonSyntax.value(b, v, end, 2);
                } else {
                    after = JsonSyntax.plainString(b, v, end);
                    clientIdStart = v + 1;
                    clientIdEnd = after - 1;
                }
            } else if (keyIs(p, keyEnd, PAYLOAD)) {
                if (valueStart >= 0) {
                    return NOT_SURE;
                }
                after = JsonSyntax.value(b, v, end, 2);
                valueStart = v;
                valueEnd = after;
            } else {
                after = JsonSyntax.value(b, v, end, 2);
            }
            if (after == NOT_SURE) {
                return NOT_SURE;
            }
            p = JsonSyntax.skipWhitespace(b, after, end);
            if (p >= end) {
                return NOT_SURE;
            }
            if (b[p] == '}') {
                return p + 1;
            }
            if (b[p] != ',') {
                return NOT_SURE;
            }
            p = JsonSyntax.skipWhitespace(b, p + 1, end);
        }
    }

    /** The end of the escape-free key whose quote is at {@code p}, or NOT_SURE. */
    private int key(int p) {
        if (p >= end || b[p] != '"') {
            return NOT_SURE;
        }
        int keyEnd = JsonSyntax.plainString(b, p, end);
        return keyEnd != NOT_SURE && keyEnd - p - 2 <= JsonSyntax.MAX_KEY_LENGTH ? keyEnd : NOT_SURE;
    }

    /** The position after the colon that must follow a key ending at {@code keyEnd}, or {@code end}. */
    private int colon(int keyEnd) {
        int p = JsonSyntax.skipWhitespace(b, keyEnd, end);
        return p < end && b[p] == ':' ? p + 1 : end;
    }

    private boolean keyIs(int quote, int keyEnd, byte[] name) {
        int from = quote + 1;
        int to = keyEnd - 1;
        if (to - from != name.length) {
            return false;
        }
        for (int i = 0; i < name.length; i++) {
            if (b[from + i] != name[i]) {
                return false;
            }
        }
        return true;
    }

    private M2B.RoomMsg message() {
        if (typeStart < 0 || !spanIs(typeStart, typeEnd, ROOM_MSG) || roomStart < 0 || valueStart < 0) {
            return null;
        }
        // Same order of checks as the general decoder, so an invalid room or client id fails the same way.
        RoomName room = RoomName.of(new String(b, roomStart, roomEnd - roomStart, StandardCharsets.UTF_8));
        UUID client = clientIdStart < 0 ? null
                : Uuids.parse(new String(b, clientIdStart, clientIdEnd - clientIdStart, StandardCharsets.UTF_8));
        return new M2B.RoomMsg(room, Optional.ofNullable(client), RawJson.wrap(b, valueStart, valueEnd - valueStart));
    }

    private boolean spanIs(int from, int to, byte[] text) {
        if (to - from != text.length) {
            return false;
        }
        for (int i = 0; i < text.length; i++) {
            if (b[from + i] != text[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
