package org.ottbalancer.protocol;

import java.util.Objects;

/**
 * The first frame a client sends after the WebSocket upgrade. Client messages are JSON objects
 * discriminated by their {@code action} key; only {@code auth} is a valid first message.
 */
public sealed interface ClientHello {

    /** {@code {"action":"auth","token":"..."}}: the client's opaque auth token. */
    record Auth(String token) implements ClientHello {
        public Auth {
            Objects.requireNonNull(token, "token");
        }
    }

    /** A well-formed client message with another action: the client did not authenticate. */
    record OtherAction(String action) implements ClientHello {
        public OtherAction {
            Objects.requireNonNull(action, "action");
        }
    }
}
