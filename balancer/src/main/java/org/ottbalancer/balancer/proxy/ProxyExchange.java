package org.ottbalancer.balancer.proxy;

import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.EventLoop;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaders;
import io.netty.handler.codec.http.HttpMethod;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.util.ReferenceCountUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.io.IOException;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.ottbalancer.balancer.config.Limits;
import org.ottbalancer.balancer.metrics.BalancerMetrics;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One proxied request, from {@link HttpProxy#forward} until the client has its answer (or is gone).
 *
 * <p>Everything runs on {@link #loop}, the event loop of the monolith connection; events from
 * elsewhere (the client closing) are handed over to it. {@link #finish} is the single exit: it
 * runs exactly once, which is what keeps the in-flight gauge honest whatever happens.
 */
final class ProxyExchange implements UpstreamListener {
    private static final Logger log = LoggerFactory.getLogger(ProxyExchange.class);

    /** Methods that may be sent twice without changing the outcome (RFC 9110 §9.2.2). */
    private static final Set<HttpMethod> IDEMPOTENT = Set.of(
            HttpMethod.GET, HttpMethod.HEAD, HttpMethod.OPTIONS, HttpMethod.PUT, HttpMethod.DELETE);

    private final ChannelHandlerContext client;
    private final FullHttpRequest request;
    private final ProxyTarget target;
    private final boolean roomRoute;
    private final EventLoop loop;
    private final UpstreamConnections connections;
    private final Limits limits;
    private final BalancerMetrics metrics;
    private final ProxyResponseObserver observer;
    private final long startNanos = System.nanoTime();
    private final HttpMethod method;
    private final String uri;
    private final HttpVersion clientVersion;
    private final boolean clientKeepAlive;
    private final ChannelFutureListener onClientClosed = f -> handOver(this::clientGone);

    private HttpHeaders upstreamHeaders;
    private UpstreamLease lease;
    private boolean leaseWasReused;
    private boolean requestWritten;
    private boolean retried;
    private ScheduledFuture<?> deadline;
    private boolean done;

    ProxyExchange(ChannelHandlerContext client, FullHttpRequest request, ProxyTarget target, boolean roomRoute,
                  EventLoop loop, UpstreamConnections connections, Limits limits, BalancerMetrics metrics,
                  ProxyResponseObserver observer) {
        this.client = client;
        this.request = request;
        this.target = target;
        this.roomRoute = roomRoute;
        this.loop = loop;
        this.connections = connections;
        this.limits = limits;
        this.metrics = metrics;
        this.observer = observer;
        this.method = request.method();
        this.uri = request.uri();
        this.clientVersion = request.protocolVersion();
        this.clientKeepAlive = HttpUtil.isKeepAlive(request);
    }

    EventLoop loop() {
        return loop;
    }

    /** Runs on {@link #loop}. */
    void start() {
        try {
            deadline = loop.schedule(this::timedOut, limits.proxyResponseTimeout().toNanos(), TimeUnit.NANOSECONDS);
            // Fires at once (and finishes the exchange) if the client is already gone.
            client.channel().closeFuture().addListener(onClientClosed);
            if (done) {
                return;
            }
            upstreamHeaders = ForwardedRequests.upstreamHeaders(request.headers(), client.channel().remoteAddress(),
                    target, request.content().readableBytes());
            connections.pooled(loop, target).addListener((Future<UpstreamLease> f) -> guarded(() -> leased(f)));
        } catch (RuntimeException e) {
            unexpected(e);
        }
    }

    /** The event loop refused work (shutting down): answer right here, on whatever thread this is. */
    void rejected(Throwable cause) {
        log.warn("cannot proxy {} {} to monolith {}: {}", method, uri, target.monolithId(), cause.toString());
        failWith(HttpResponseStatus.BAD_GATEWAY, ClientResponses.ERROR_TEXT);
    }

    private void leased(Future<UpstreamLease> acquired) {
        if (!acquired.isSuccess()) {
            if (!done) {
                connectFailed(acquired.cause());
            }
            return;
        }
        UpstreamLease acquiredLease = acquired.getNow();
        if (done) {
            acquiredLease.giveBack(true);
            return;
        }
        lease = acquiredLease;
        requestWritten = false;
        UpstreamConnection connection = UpstreamConnection.of(lease.channel());
        leaseWasReused = connection.begin(this);
        lease.channel().writeAndFlush(ForwardedRequests.attempt(request, upstreamHeaders, request.content()))
                .addListener(written -> guarded(() -> {
                    if (written.isSuccess()) {
                        // Only this attempt's connection may be handed back as clean.
                        requestWritten = lease == acquiredLease;
                    } else {
                        connection.fail(this, written.cause());
                    }
                }));
    }

    private void connectFailed(Throwable cause) {
        if (cause instanceof IllegalStateException) {
            // FixedChannelPool's answer when its waiting list is full or it was closed.
            log.warn("proxying {} {} to monolith {} refused: {}", method, uri, target.monolithId(), cause.getMessage());
            failWith(HttpResponseStatus.SERVICE_UNAVAILABLE, ClientResponses.OVERLOADED_TEXT);
            return;
        }
        // A connect timeout is a 502 like a refusal: the monolith is unreachable. 504 is kept for
        // a monolith that has the request and does not answer.
        log.warn("cannot connect to monolith {} at {}:{}: {}", target.monolithId(), target.host(), target.port(), cause.toString());
        failWith(HttpResponseStatus.BAD_GATEWAY, ClientResponses.ERROR_TEXT);
    }

    @Override
    public void onResponse(FullHttpResponse response) {
        guarded(() -> {
            boolean usable = !response.decoderResult().isFailure() && response.status().code() != 101;
            giveBackLease(usable && requestWritten && HttpUtil.isKeepAlive(response));
            if (done) {
                response.release();
                return;
            }
            if (!usable) {
                // Unparseable, or an upgrade we never asked for (Upgrade is stripped).
                log.warn("unusable response from monolith {} for {} {}: {}", target.monolithId(), method, uri,
                        response.decoderResult().isFailure() ? response.decoderResult().cause().toString() : response.status());
                response.release();
                failWith(HttpResponseStatus.BAD_GATEWAY, ClientResponses.ERROR_TEXT);
                return;
            }
            tellObserver(response);
            respond(ClientResponses.relay(response, method, clientVersion, clientKeepAlive));
        });
    }

    @Override
    public void onFailure(Throwable cause, boolean nothingReceived) {
        guarded(() -> {
            giveBackLease(false);
            if (done) {
                return;
            }
            if (nothingReceived && leaseWasReused && !retried && cause instanceof IOException && IDEMPOTENT.contains(method)) {
                // The monolith closed the idle keep-alive connection as we used it; the request
                // cannot have been processed, so send it once more on a brand-new connection.
                retried = true;
                log.debug("stale connection to monolith {}, retrying {} {}", target.monolithId(), method, uri);
                connections.fresh(loop, target).addListener((Future<UpstreamLease> f) -> guarded(() -> leased(f)));
                return;
            }
            log.warn("proxying {} {} to monolith {} failed: {}", method, uri, target.monolithId(), cause.toString());
            failWith(HttpResponseStatus.BAD_GATEWAY, ClientResponses.ERROR_TEXT);
        });
    }

    private void timedOut() {
        guarded(() -> {
            if (done) {
                return;
            }
            log.warn("monolith {} did not answer {} {} within {}", target.monolithId(), method, uri, limits.proxyResponseTimeout());
            giveBackLease(false);
            failWith(HttpResponseStatus.GATEWAY_TIMEOUT, ClientResponses.TIMEOUT_TEXT);
        });
    }

    /** Nobody is left to answer; drop the monolith connection too, as its response would be unread. */
    private void clientGone() {
        if (done) {
            return;
        }
        log.debug("client went away while {} {} was proxied to monolith {}", method, uri, target.monolithId());
        giveBackLease(false);
        finish();
    }

    private void tellObserver(FullHttpResponse response) {
        try {
            observer.onResponse(target, method, uri, response.status().code(), response.content().duplicate());
        } catch (RuntimeException e) {
            log.warn("proxy response observer failed for {} {}", method, uri, e);
        }
    }

    private void giveBackLease(boolean reusable) {
        if (lease != null) {
            UpstreamConnection.of(lease.channel()).abandon(this);
            lease.giveBack(reusable);
            lease = null;
        }
    }

    private void failWith(HttpResponseStatus status, String text) {
        if (done) {
            return;
        }
        metrics.proxyError(roomRoute);
        respond(ClientResponses.error(status, text, clientVersion, clientKeepAlive));
    }

    private void respond(FullHttpResponse response) {
        if (done) {
            response.release();
            return;
        }
        finish();
        var written = client.writeAndFlush(response);
        if (!clientKeepAlive) {
            written.addListener(ChannelFutureListener.CLOSE);
        }
    }

    private void finish() {
        done = true;
        try {
            if (deadline != null) {
                deadline.cancel(false);
            }
            client.channel().closeFuture().removeListener(onClientClosed);
            ReferenceCountUtil.safeRelease(request);
            metrics.monolith(target.monolithId()).proxyRequest().record(System.nanoTime() - startNanos, TimeUnit.NANOSECONDS);
        } finally {
            metrics.proxyFinished();
        }
    }

    private void handOver(Runnable task) {
        if (loop.inEventLoop()) {
            guarded(task);
            return;
        }
        try {
            loop.execute(() -> guarded(task));
        } catch (RuntimeException e) {
            // The loop is shutting down and will run none of this exchange's callbacks any more;
            // finishing here is the last chance to keep the in-flight gauge right.
            if (!done) {
                finish();
            }
        }
    }

    private void guarded(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            unexpected(e);
        }
    }

    private void unexpected(RuntimeException e) {
        log.error("bug while proxying {} {} to monolith {}", method, uri, target.monolithId(), e);
        try {
            giveBackLease(false);
        } catch (RuntimeException ignored) {
            // Already reporting a failure; the connection is closed by its own error path.
        }
        if (!done) {
            failWith(HttpResponseStatus.BAD_GATEWAY, ClientResponses.ERROR_TEXT);
        }
    }
}
