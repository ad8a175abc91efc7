package org.ottbalancer.monolith.support;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.ottbalancer.monolith.SampleMonolith;
import org.ottbalancer.monolith.config.MonolithConfig;
import org.ottbalancer.monolith.store.InMemoryRoomStore;
import org.ottbalancer.monolith.store.RoomStore;
import org.ottbalancer.protocol.Visibility;

/** Monoliths on loopback sharing one in-memory store, closed after each test. */
public final class Fixture implements AutoCloseable {
    public final RoomStore store;
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public Fixture() {
        this(new InMemoryRoomStore());
    }

    public Fixture(RoomStore store) {
        this.store = store;
    }

    /** Test defaults: loopback, ephemeral ports, no shutdown pause, timings long enough not to interfere. */
    public static MonolithConfig config() {
        return MonolithConfig.loopbackEphemeral().withShutdownKickWait(Duration.ZERO);
    }

    public SampleMonolith start() {
        return start(config());
    }

    public SampleMonolith start(MonolithConfig config) {
        SampleMonolith m = SampleMonolith.start(config, store);
        closeables.add(m);
        return m;
    }

    public TestBalancerLink link(SampleMonolith m) {
        TestBalancerLink l = TestBalancerLink.handshake(m.balancingPort());
        closeables.add(l);
        return l;
    }

    public TestBalancerLink rawLink(SampleMonolith m) {
        TestBalancerLink l = TestBalancerLink.connect(m.balancingPort());
        closeables.add(l);
        return l;
    }

    public TestWebSocket direct(SampleMonolith m, String room) {
        TestWebSocket ws = TestWebSocket.connect("ws://127.0.0.1:" + m.httpPort() + "/api/room/" + room);
        closeables.add(ws);
        return ws;
    }

    /** A valid auth token, granted straight in the shared store. */
    public String token() {
        String t = "test-token-" + UUID.randomUUID() + UUID.randomUUID();
        store.putToken(t, Duration.ofMinutes(5)).join();
        return t;
    }

    /** Creates and loads a permanent public room on {@code m}. */
    public void room(SampleMonolith m, String name) {
        if (!m.createRoom(name, Visibility.PUBLIC).join()) {
            throw new AssertionError("room " + name + " already existed");
        }
    }

    public HttpResponse<String> get(SampleMonolith m, String path) {
        return send(HttpRequest.newBuilder(uri(m, path)).GET().build());
    }

    public HttpResponse<String> post(SampleMonolith m, String path, String body) {
        return send(HttpRequest.newBuilder(uri(m, path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    private static URI uri(SampleMonolith m, String path) {
        return URI.create("http://127.0.0.1:" + m.httpPort() + path);
    }

    private HttpResponse<String> send(HttpRequest req) {
        try {
            return http.send(req, HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new AssertionError("HTTP " + req.method() + " " + req.uri() + " failed: " + e, e);
        }
    }

    /** Polls {@code condition} until it holds or {@code timeout} passes. */
    public static void eventually(Duration timeout, String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting until " + what);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    @Override
    public void close() {
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                // best effort: the next test starts fresh anyway
            }
        }
    }
}
