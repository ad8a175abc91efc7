package org.ottbalancer.balancer.net;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.codec.http.websocketx.CloseWebSocketFrame;
import java.nio.charset.StandardCharsets;

/** WebSocket close codes the balancer sends, and how to build close frames for them. */
public final class CloseCodes {
    public static final int NORMAL = 1000;
    /** The monolith is letting the client go (room unloaded on command or shutdown): come back elsewhere. */
    public static final int GOING_AWAY = 1001;
    public static final int PROTOCOL_ERROR = 1002;
    public static final int MESSAGE_TOO_BIG = 1009;
    public static final int INTERNAL_ERROR = 1011;
    /** Balancer could not hand a client to a monolith; also a monolith that did not send {@code init}. */
    public static final int FAILED_TO_JOIN = 4000;
    public static final int NO_AUTH = 4004;

    public static final String CLIENT_CONNECTION_ENDED = "client connection ended";
    public static final String DID_NOT_SEND_AUTH = "did not send auth token";
    public static final String FAILED_TO_DESERIALIZE = "failed to deserialize message";
    public static final String FAILED_TO_SEND_CLIENT = "failed to send client to balancer";
    public static final String DID_NOT_SEND_INIT = "did not send init";

    private CloseCodes() {
    }

    /**
     * Whether a code may appear in a Close frame on the wire (RFC 6455 §7.4). Codes such as 1005
     * and 1006 are reserved for reporting and must never be sent.
     */
    public static boolean isSendable(int code) {
        return (code >= 1000 && code <= 1003) || (code >= 1007 && code <= 1014) || (code >= 3000 && code <= 4999);
    }

    /**
     * The code to relay for a monolith's {@code kick}: the monolith's code verbatim when it may be
     * sent on the wire, otherwise 1011 (a monolith asking for a reserved code has failed internally).
     */
    public static int forKick(int reason) {
        return isSendable(reason) ? reason : INTERNAL_ERROR;
    }

    /** A close frame with the given code and reason, built without Netty's code validation. */
    public static CloseWebSocketFrame frame(ByteBufAllocator alloc, int code, String reason) {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        ByteBuf buf = alloc.buffer(2 + text.length);
        buf.writeShort(code);
        buf.writeBytes(text);
        return new CloseWebSocketFrame(true, 0, buf);
    }
}
