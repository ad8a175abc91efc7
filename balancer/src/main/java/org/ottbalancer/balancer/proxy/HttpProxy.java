package org.ottbalancer.balancer.proxy;

import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.util.ReferenceCountUtil;
import java.util.Objects;
import org.ottbalancer.balancer.config.Limits;
import org.ottbalancer.balancer.metrics.BalancerMetrics;

/**
 * Forwards complete HTTP requests to monoliths over pooled keep-alive connections and writes the
 * answers back to the client (spec §4.3).
 *
 * <p>Deliberate differences from upstream, all hardening:
 * <ul>
 *   <li>Failures are real error statuses instead of upstream's {@code 200 error proxying request}
 *       (§11): connect refused, reset, closed, connect timeout, unreadable or oversized response
 *       ({@code > maxHttpBodyBytes}) → 502 {@code error proxying request}; no answer within
 *       {@code proxyResponseTimeout} (counted from {@link #forward}) → 504
 *       {@code error proxying request: monolith did not answer in time}; too many requests already
 *       waiting for a connection to that monolith → 503. Each increments
 *       {@code balancer_proxy_request_errors_total{route}}. A client that goes away is not a
 *       proxy error.</li>
 *   <li>Hop-by-hop headers are stripped both ways; {@code X-Forwarded-For} (appended),
 *       {@code X-Forwarded-Proto: http} and {@code X-Forwarded-Host} (both only if absent) are
 *       added. {@code Host} is passed unchanged.</li>
 *   <li>A request that hit a pooled connection the monolith had just closed is retried once on a
 *       new connection if its method is idempotent (GET, HEAD, OPTIONS, PUT, DELETE).</li>
 * </ul>
 * Redirects are passed back, not followed. Connection pooling and its bounds are described on
 * {@link UpstreamConnections}.
 *
 * <p>Thread-safe. The exchange runs on the client channel's event loop when that loop belongs to
 * the group given here (the usual set-up: one group for the front end and the proxy), otherwise on
 * a loop of that group. Nothing blocks.
 */
public final class HttpProxy implements AutoCloseable {
    private final EventLoopGroup group;
    private final Limits limits;
    private final BalancerMetrics metrics;
    private final ProxyResponseObserver observer;
    private final UpstreamConnections connections;

    public HttpProxy(EventLoopGroup group, Class<? extends SocketChannel> channelType, Limits limits,
                     BalancerMetrics metrics, ProxyResponseObserver observer) {
        this.group = Objects.requireNonNull(group, "group");
        this.limits = Objects.requireNonNull(limits, "limits");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.connections = new UpstreamConnections(group, Objects.requireNonNull(channelType, "channelType"),
                Math.toIntExact(Math.min(Integer.MAX_VALUE, limits.proxyConnectTimeout().toMillis())),
                limits.maxHttpBodyBytes());
    }

    /**
     * Sends {@code request} to {@code target} and, later, its answer (or an error response) to
     * {@code client}. Returns at once. Takes ownership of {@code request} and releases it.
     *
     * <p>The caller must not forward a second request from the same client connection before the
     * first one's response was written (stop reading while a request is in progress), since
     * answers are written in completion order.
     *
     * @param roomRoute whether the request came through the room route; labels the error counter
     */
    public void forward(ChannelHandlerContext client, FullHttpRequest request, ProxyTarget target, boolean roomRoute) {
        Objects.requireNonNull(request, "request");
        if (client == null || target == null) {
            ReferenceCountUtil.release(request);
            throw new NullPointerException(client == null ? "client" : "target");
        }
        ProxyExchange exchange;
        try {
            EventLoop clientLoop = client.channel().eventLoop();
            EventLoop loop = clientLoop.parent() == group ? clientLoop : group.next();
            exchange = new ProxyExchange(client, request, target, roomRoute, loop, connections, limits, metrics, observer);
        } catch (RuntimeException e) {
            ReferenceCountUtil.release(request);
            throw e;
        }
        metrics.proxyStarted();
        if (exchange.loop().inEventLoop()) {
            exchange.start();
            return;
        }
        try {
            exchange.loop().execute(exchange::start);
        } catch (RuntimeException e) {
            exchange.rejected(e);
        }
    }

    /**
     * Closes every pooled monolith connection (and any in use; their clients get no answer).
     * Called from an ordinary thread it waits briefly (at most 2 s) for the connections to close,
     * so the event loop group can be shut down right after; called on one of the group's event
     * loops it never waits. Call it before shutting the group down.
     */
    @Override
    public void close() {
        connections.close();
    }
}
