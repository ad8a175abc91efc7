package org.ottbalancer.balancer.proxy;

import io.netty.handler.codec.http.FullHttpResponse;

/** Receives the outcome of the one exchange in progress on a monolith connection; called on its event loop. */
interface UpstreamListener {
    /** The final (non-1xx) response; the listener owns it and must release it. */
    void onResponse(FullHttpResponse response);

    /**
     * The exchange failed: the connection closed, broke, or the response was unreadable or too big.
     *
     * @param nothingReceived whether not a single response byte arrived since the request was
     *     written, which is what a keep-alive connection the monolith had already closed looks like
     */
    void onFailure(Throwable cause, boolean nothingReceived);
}
