package org.ottbalancer.balancer.http;

import java.util.Optional;
import org.ottbalancer.protocol.RoomName;

/**
 * Where a request path goes (spec §4.1): the balancer's own endpoints, a room, or any monolith.
 * The query string plays no part.
 */
public record Route(Kind kind, Optional<RoomName> room) {

    public enum Kind { STATUS, BALANCING, STATE, STATE_STREAM, METRICS, ROOM_LIST, ROOM, OTHER }

    private static final String ROOM_PREFIX = "/api/room/";

    public static Route of(String uri) {
        int q = uri.indexOf('?');
        String path = q >= 0 ? uri.substring(0, q) : uri;
        switch (path) {
            case "/api/status":
                return simple(Kind.STATUS);
            case "/api/balancing":
                return simple(Kind.BALANCING);
            case "/api/state":
                return simple(Kind.STATE);
            case "/api/state/stream":
                return simple(Kind.STATE_STREAM);
            case "/api/status/metrics":
                return simple(Kind.METRICS);
            default:
                break;
        }
        if (path.startsWith(ROOM_PREFIX)) {
            int end = path.indexOf('/', ROOM_PREFIX.length());
            String room = end < 0 ? path.substring(ROOM_PREFIX.length()) : path.substring(ROOM_PREFIX.length(), end);
            if (!room.isEmpty()) {
                // "list" is never a room: the room list is answered here, even for upgrade requests.
                return room.equals("list") ? simple(Kind.ROOM_LIST) : new Route(Kind.ROOM, Optional.of(RoomName.of(room)));
            }
        }
        return simple(Kind.OTHER);
    }

    private static Route simple(Kind kind) {
        return new Route(kind, Optional.empty());
    }
}
