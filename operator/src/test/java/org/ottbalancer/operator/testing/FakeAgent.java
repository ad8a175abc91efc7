package org.ottbalancer.operator.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.ottbalancer.protocol.agent.AgentDocuments;
import org.ottbalancer.protocol.agent.AgentReport;
import org.ottbalancer.protocol.agent.DrainReport;
import org.ottbalancer.protocol.agent.DrainRequest;
import org.ottbalancer.protocol.registry.MonolithState;

/**
 * A monolith agent's HTTP API on a loopback ephemeral port, with scripted figures and a drain that
 * runs until the test ends it ({@link #finishDrain}, {@link #failDrain}) or never. Records every
 * {@code POST /drain} (its Authorization header and body).
 */
public final class FakeAgent implements AutoCloseable {
    /** One {@code POST /drain} as received. */
    public record DrainCall(String authorization, DrainRequest request) {
    }

    private final String monolithId;
    private final HttpServer server;
    private final ExecutorService executor;
    private final Instant startedAt = Instant.now();
    private final List<DrainCall> drainCalls = new CopyOnWriteArrayList<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();

    private String region;
    private int rooms;
    private int users;
    private double load;
    private MonolithState state = MonolithState.ACTIVE;
    private DrainReport drain = DrainReport.IDLE;
    private volatile boolean answering = true;

    private FakeAgent(String monolithId) throws IOException {
        this.monolithId = monolithId;
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "fake-agent-" + monolithId);
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/report", this::report);
        server.createContext("/drain", this::drain);
        server.start();
    }

    public static FakeAgent start(String monolithId) {
        try {
            return new FakeAgent(monolithId);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    public String monolithId() {
        return monolithId;
    }

    public synchronized FakeAgent figures(int rooms, int users, double load) {
        this.rooms = rooms;
        this.users = users;
        this.load = load;
        return this;
    }

    public synchronized FakeAgent region(String region) {
        this.region = region;
        return this;
    }

    /** Answers 503 to everything while false, as an agent whose process hangs or restarts. */
    public void answering(boolean answering) {
        this.answering = answering;
    }

    /** Ends the running drain: every room moved. */
    public synchronized void finishDrain() {
        drain = new DrainReport("done", drain.startedAt(), Instant.now(), drain.roomsAtStart(), drain.roomsAtStart(), 0,
                120, null);
        rooms = 0;
        users = 0;
        load = 0;
    }

    /** Ends the running drain as the agent does at its deadline. */
    public synchronized void failDrain(String error) {
        drain = new DrainReport("failed", drain.startedAt(), Instant.now(), drain.roomsAtStart(), drain.roomsMoved(),
                rooms, 9000, error);
    }

    /** Moves rooms one by one: the progress a running drain reports. */
    public synchronized void roomsMoved(int moved) {
        drain = new DrainReport("running", drain.startedAt(), null, drain.roomsAtStart(), moved,
                drain.roomsAtStart() - moved, 100, null);
    }

    public List<DrainCall> drainCalls() {
        return List.copyOf(drainCalls);
    }

    public synchronized String drainPhase() {
        return drain.phase();
    }

    /** Requests received, by path, in order. */
    public List<String> requests() {
        return List.copyOf(paths);
    }

    private synchronized AgentReport currentReport() {
        return new AgentReport(AgentReport.CURRENT_VERSION, monolithId, region, state, 1, rooms, users, load,
                Instant.now(), startedAt, List.of(), drain);
    }

    private void report(HttpExchange ex) throws IOException {
        paths.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
        if (!answering) {
            respond(ex, 503, "{\"error\":\"unavailable\"}");
            return;
        }
        respond(ex, 200, AgentDocuments.write(currentReport()));
    }

    private void drain(HttpExchange ex) throws IOException {
        paths.add(ex.getRequestMethod() + " " + ex.getRequestURI().getPath());
        if (!answering) {
            respond(ex, 503, "{\"error\":\"unavailable\"}");
            return;
        }
        if ("POST".equals(ex.getRequestMethod())) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            drainCalls.add(new DrainCall(ex.getRequestHeaders().getFirst("Authorization"),
                    AgentDocuments.parseDrainRequest(body)));
            synchronized (this) {
                if (!drain.phase().equals("running")) {
                    state = MonolithState.DRAINING;
                    drain = new DrainReport("running", Instant.now(), null, rooms, 0, rooms, 0, null);
                }
            }
            respond(ex, 202, AgentDocuments.write(drainReport()));
            return;
        }
        respond(ex, 200, AgentDocuments.write(drainReport()));
    }

    private synchronized DrainReport drainReport() {
        return drain;
    }

    private static void respond(HttpExchange ex, int status, String body) throws IOException {
        try (ex) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            ex.getResponseHeaders().set("Content-Type", "application/json");
            ex.sendResponseHeaders(status, bytes.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
