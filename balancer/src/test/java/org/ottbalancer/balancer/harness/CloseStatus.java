package org.ottbalancer.balancer.harness;

/**
 * How a WebSocket ended, seen from a mock peer.
 *
 * @param code the close code of the Close frame received, or {@link #NO_CLOSE_FRAME} when the TCP
 *     connection ended without one
 * @param reason the close reason text ("" if none or no frame)
 */
public record CloseStatus(int code, String reason) {
    /** RFC 6455's code for "closed abnormally, no Close frame"; never sent on the wire. */
    public static final int NO_CLOSE_FRAME = 1006;

    public static CloseStatus withoutCloseFrame() {
        return new CloseStatus(NO_CLOSE_FRAME, "");
    }

    public boolean hadCloseFrame() {
        return code != NO_CLOSE_FRAME;
    }
}
