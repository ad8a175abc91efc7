package org.ottbalancer.balancer.state;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.handler.codec.http.HttpMethod;
import java.io.IOException;
import java.util.UUID;
import org.ottbalancer.balancer.proxy.ProxyResponseObserver;
import org.ottbalancer.balancer.proxy.ProxyTarget;
import org.ottbalancer.protocol.ProtocolCodec;
import org.ottbalancer.protocol.RoomName;

/**
 * Maps a room to the monolith that just created it over HTTP.
 *
 * <p>A room made by {@code POST /api/room/generate} lives only in its creator's memory for about
 * five seconds; a {@code join} sent to any other monolith in that window is refused with 4002. The
 * creator's {@code loaded} usually arrives first, but the HTTP response can beat it, and the
 * browser joins right after the response. Seeing the response here closes that race.
 */
public final class RoomCreationObserver implements ProxyResponseObserver {
    private static final int MAX_BODY = 4096;

    private final BalancerState state;

    public RoomCreationObserver(BalancerState state) {
        this.state = state;
    }

    @Override
    public void onResponse(ProxyTarget target, HttpMethod method, String uri, int status, ByteBuf body) {
        if (status != 201 || !HttpMethod.POST.equals(method) || !isGenerate(uri) || body.readableBytes() > MAX_BODY) {
            return;
        }
        String room = roomField(ByteBufUtil.getBytes(body));
        if (room != null && !room.isEmpty()) {
            state.roomCreatedBy(RoomName.of(room), UUID.fromString(target.monolithId()));
        }
    }

    private static boolean isGenerate(String uri) {
        int q = uri.indexOf('?');
        String path = q >= 0 ? uri.substring(0, q) : uri;
        return path.equals("/api/room/generate") || path.equals("/api/room/generate/");
    }

    /** The top-level {@code room} string of a JSON object, or null. */
    static String roomField(byte[] json) {
        try (JsonParser p = ProtocolCodec.jsonFactory().createParser(json)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return null;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken v = p.nextToken();
                if (name.equals("room") && v == JsonToken.VALUE_STRING) {
                    return p.getText();
                }
                p.skipChildren();
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }
}
