package org.ottbalancer.balancer.proxy;

import io.netty.buffer.ByteBuf;
import io.netty.handler.codec.http.HttpMethod;

/**
 * Sees every proxied exchange that completed with a response, before the response is passed back
 * to the client. Used to learn facts a monolith reveals only over HTTP (for example which monolith
 * created a room). Must not block and must not modify or release {@code body}.
 *
 * <p>{@link HttpProxy} calls it on an event loop for every response from a monolith, whatever its
 * status, but not for the proxy's own error responses. It passes a duplicate of the body, so
 * reading from it does not take bytes from the client; an exception thrown here is logged and the
 * response is still passed back.
 */
@FunctionalInterface
public interface ProxyResponseObserver {
    void onResponse(ProxyTarget target, HttpMethod method, String uri, int status, ByteBuf body);

    ProxyResponseObserver NONE = (t, m, u, s, b) -> { };
}
