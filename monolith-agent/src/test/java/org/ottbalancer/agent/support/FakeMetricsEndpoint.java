package org.ottbalancer.agent.support;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A monolith's {@code /metrics} on loopback: serves whatever status and body the test sets. */
public final class FakeMetricsEndpoint implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile int status = 200;
    private volatile String body = "";
    private volatile boolean hang;

    private FakeMetricsEndpoint() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/metrics", exchange -> {
            try (exchange) {
                if (hang) {
                    released.await(10, TimeUnit.SECONDS);
                }
                byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
                if (bytes.length > 0) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(bytes);
                    }
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    public static FakeMetricsEndpoint start() {
        return new FakeMetricsEndpoint();
    }

    public FakeMetricsEndpoint serve(int status, String body) {
        this.status = status;
        this.body = body;
        return this;
    }

    /** Requests get no answer until the endpoint is closed. */
    public FakeMetricsEndpoint hang() {
        hang = true;
        return this;
    }

    public URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/metrics");
    }

    /** What prom-client serves for an OTT monolith, with the given event-loop lag. */
    public static String ottExposition(String lag) {
        return "# HELP process_cpu_user_seconds_total Total user CPU time spent in seconds.\n"
                + "# TYPE process_cpu_user_seconds_total counter\n"
                + "process_cpu_user_seconds_total 12.5\n"
                + "\n"
                + "# HELP nodejs_eventloop_lag_seconds Lag of event loop in seconds.\n"
                + "# TYPE nodejs_eventloop_lag_seconds gauge\n"
                + "nodejs_eventloop_lag_seconds " + lag + "\n"
                + "\n"
                + "# HELP nodejs_eventloop_lag_min_seconds The minimum recorded event loop delay.\n"
                + "# TYPE nodejs_eventloop_lag_min_seconds gauge\n"
                + "nodejs_eventloop_lag_min_seconds 0.009\n"
                + "# HELP nodejs_eventloop_lag_p99_seconds The 99th percentile of the recorded event loop delays.\n"
                + "# TYPE nodejs_eventloop_lag_p99_seconds gauge\n"
                + "nodejs_eventloop_lag_p99_seconds 0.3\n"
                + "# HELP http_request_duration_seconds Duration of HTTP requests.\n"
                + "# TYPE http_request_duration_seconds histogram\n"
                + "http_request_duration_seconds_bucket{le=\"0.1\",route=\"/api/room/{name}\"} 3\n"
                + "http_request_duration_seconds_bucket{le=\"+Inf\",route=\"/api/room/{name}\"} 4\n"
                + "http_request_duration_seconds_sum{route=\"/api/room/{name}\"} 0.7\n"
                + "http_request_duration_seconds_count{route=\"/api/room/{name}\"} 4\n";
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
