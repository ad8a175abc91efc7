package org.ottbalancer.balancer.proxy;

import static org.junit.jupiter.api.Assertions.fail;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import io.netty.channel.socket.nio.NioSocketChannel;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.ottbalancer.balancer.config.Limits;
import org.ottbalancer.balancer.metrics.BalancerMetrics;

/**
 * Client → front end → {@link HttpProxy} → origin, all on loopback with ephemeral ports. The front
 * end and the proxy share one event loop group, as in the balancer.
 */
final class ProxyRig implements AutoCloseable {
    static final String MONOLITH_ID = "2b0e0a52-7a1e-4a64-8d2c-33b5d6b1c0aa";

    final EventLoopGroup group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    final BalancerMetrics metrics = new BalancerMetrics();
    final OriginServer origin;
    final HttpProxy proxy;
    final FrontEnd front;
    final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final EventLoopGroup frontGroup;
    private volatile ProxyResponseObserver observer = ProxyResponseObserver.NONE;

    private ProxyRig(Limits limits, String targetHost, Integer targetPort) throws InterruptedException {
        this(limits, targetHost, targetPort, false);
    }

    private ProxyRig(Limits limits, String targetHost, Integer targetPort, boolean ownFrontEndGroup) throws InterruptedException {
        frontGroup = ownFrontEndGroup ? new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory()) : group;
        origin = new OriginServer(group);
        proxy = new HttpProxy(group, NioSocketChannel.class, limits, metrics,
                (target, method, uri, status, body) -> observer.onResponse(target, method, uri, status, body));
        ProxyTarget target = new ProxyTarget(MONOLITH_ID, targetHost, targetPort != null ? targetPort : origin.port());
        front = new FrontEnd(frontGroup, proxy, target, limits.maxHttpBodyBytes());
    }

    static ProxyRig start() throws InterruptedException {
        return new ProxyRig(limits(Duration.ofSeconds(10), 1 << 20), "127.0.0.1", null);
    }

    static ProxyRig start(Limits limits) throws InterruptedException {
        return new ProxyRig(limits, "127.0.0.1", null);
    }

    /** A rig whose proxy targets {@code port} instead of the origin. */
    static ProxyRig targeting(int port) throws InterruptedException {
        return new ProxyRig(limits(Duration.ofSeconds(10), 1 << 20), "127.0.0.1", port);
    }

    /** A rig whose front end runs on its own event loop group, so the proxy works on loops of another. */
    static ProxyRig withSeparateFrontEndGroup() throws InterruptedException {
        return new ProxyRig(limits(Duration.ofSeconds(10), 1 << 20), "127.0.0.1", null, true);
    }

    /** A rig whose proxy reaches the origin through the host name {@code host}. */
    static ProxyRig targetingHost(String host) throws InterruptedException {
        return new ProxyRig(limits(Duration.ofSeconds(10), 1 << 20), host, null);
    }

    /** Default limits with the proxy's response timeout and body bound replaced. */
    static Limits limits(Duration proxyResponseTimeout, int maxHttpBodyBytes) {
        Limits d = Limits.defaults();
        return new Limits(d.maxFrameBytes(), maxHttpBodyBytes, d.clientQueueFrames(), d.clientQueueBytes(),
                d.monolithQueueBytes(), d.monolithSendTimeout(), d.httpHandshakeTimeout(), d.authTimeout(),
                d.monolithInitTimeout(), d.reconnectDelay(), d.reconnectMaxDelay(), Duration.ofSeconds(2),
                proxyResponseTimeout, d.idleTimeout());
    }

    void observe(ProxyResponseObserver next) {
        observer = next;
    }

    URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + front.port() + pathAndQuery);
    }

    HttpRequest.Builder request(String pathAndQuery) {
        return HttpRequest.newBuilder(uri(pathAndQuery)).timeout(Duration.ofSeconds(10));
    }

    HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> get(String pathAndQuery) throws IOException, InterruptedException {
        return send(request(pathAndQuery).GET());
    }

    double inFlight() {
        return metrics.registry().get("balancer.proxy.requests.in.flight").gauge().value();
    }

    double errors(String route) {
        Counter counter = metrics.registry().get("balancer.proxy.request.errors").tag("route", route).counter();
        return counter.count();
    }

    long latencySamples() {
        Timer timer = metrics.registry().find("balancer.proxy.request").tag("monolith_id", MONOLITH_ID).timer();
        return timer == null ? 0 : timer.count();
    }

    /** Polls until {@code condition} holds; fails after 5 s. */
    static void await(String what, BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                fail("timed out waiting until " + what);
            }
            Thread.sleep(10);
        }
    }

    @Override
    public void close() {
        front.close();
        proxy.close();
        origin.close();
        if (frontGroup != group) {
            frontGroup.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
        }
        group.shutdownGracefully(0, 2, java.util.concurrent.TimeUnit.SECONDS).syncUninterruptibly();
    }
}
