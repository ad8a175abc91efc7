package org.ottbalancer.balancer.harness;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.ottbalancer.balancer.BalancerServer;
import org.ottbalancer.balancer.config.BalancerConfig;
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.registry.MonolithEntry;

/** A balancer started by {@link BalancerFixture}, with the discoverer that feeds it and helpers to drive it. */
public final class RunningBalancer implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final BalancerServer server;
    private final BalancerConfig config;
    private final TestDiscoverer discoverer;
    private final BalancerFixture fixture;
    private final Http http;
    private final java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();

    RunningBalancer(BalancerServer server, BalancerConfig config, TestDiscoverer discoverer, BalancerFixture fixture) {
        this.server = server;
        this.config = config;
        this.discoverer = discoverer;
        this.fixture = fixture;
        this.http = new Http(server.port());
    }

    /** Stops the balancer (once; the fixture's own close after the test is then a no-op). */
    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            server.close();
        }
    }

    public BalancerServer server() {
        return server;
    }

    public BalancerConfig config() {
        return config;
    }

    public int port() {
        return server.port();
    }

    public UUID id() {
        return server.id();
    }

    public Http http() {
        return http;
    }

    public TestDiscoverer discoverer() {
        return discoverer;
    }

    /** Reports exactly these monoliths through discovery, without waiting. */
    public void discover(MockMonolith... monoliths) {
        discoverer.set(Arrays.stream(monoliths).map(MockMonolith::entry).toArray(MonolithEntry[]::new));
    }

    /** Reports exactly these monoliths and waits until the balancer has registered all of them. */
    public void connect(MockMonolith... monoliths) {
        discover(monoliths);
        awaitRegistered(monoliths);
    }

    /** Waits until every given monolith is in the balancer's routing state. */
    public void awaitRegistered(MockMonolith... monoliths) {
        Set<UUID> wanted = Arrays.stream(monoliths).map(MockMonolith::id).collect(Collectors.toSet());
        Eventually.await(BalancerFixture.WAIT, "balancer registered monoliths " + wanted,
                () -> registeredMonoliths().containsAll(wanted));
    }

    /** Waits until the given monolith is no longer in the balancer's routing state. */
    public void awaitUnregistered(MockMonolith monolith) {
        Eventually.await(BalancerFixture.WAIT, "balancer dropped monolith " + monolith.id(),
                () -> !registeredMonoliths().contains(monolith.id()));
    }

    /** Monolith ids in routing state, as {@code /api/state} reports them. */
    public Set<UUID> registeredMonoliths() {
        Set<UUID> ids = new HashSet<>();
        for (JsonNode m : state().path("monoliths")) {
            ids.add(UUID.fromString(m.path("id").asText()));
        }
        return ids;
    }

    /** {@code GET /api/state} with the fixture's API key, parsed. */
    public JsonNode state() {
        HttpResponse<String> response = http.get("/api/state", "Authorization", "Bearer " + BalancerFixture.API_KEY);
        if (response.statusCode() != 200) {
            throw new AssertionError("/api/state answered " + response.statusCode() + ": " + response.body());
        }
        try {
            return JSON.readTree(response.body());
        } catch (java.io.IOException e) {
            throw new AssertionError("/api/state is not JSON: " + response.body(), e);
        }
    }

    /** Client ids {@code /api/state} lists, over all monoliths and rooms. */
    public Set<UUID> clientsInState() {
        Set<UUID> ids = new HashSet<>();
        for (JsonNode m : state().path("monoliths")) {
            for (JsonNode room : m.path("rooms")) {
                for (JsonNode c : room.path("clients")) {
                    ids.add(UUID.fromString(c.path("id").asText()));
                }
            }
        }
        return ids;
    }

    /** Opens a WebSocket to {@code /api/room/<room>} without authenticating; closed after the test. */
    public MockClient open(String room) {
        return fixture.track(MockClient.connect(port(), room));
    }

    /** Opens a WebSocket with a customised request; closed after the test. */
    public MockClient open(MockClient.Builder builder) {
        return fixture.track(builder.connect());
    }

    /** A client builder pointed at this balancer. */
    public MockClient.Builder clientTo() {
        return MockClient.to("127.0.0.1", port());
    }

    /**
     * Connects a client to {@code room}, authenticates with a fresh token and waits for the resulting
     * {@code join} on whichever of {@code candidates} receives it.
     */
    public JoinedClient join(String room, MockMonolith... candidates) {
        MockClient client = open(room);
        return authenticate(client, candidates);
    }

    /** Authenticates an open client with a fresh token and finds the monolith its {@code join} went to. */
    public JoinedClient authenticate(MockClient client, MockMonolith... candidates) {
        String token = "token-" + UUID.randomUUID();
        client.auth(token);
        return awaitJoin(client, token, candidates);
    }

    /** Waits for the {@code join} carrying {@code token} on any of {@code candidates}. */
    public static JoinedClient awaitJoin(MockClient client, String token, MockMonolith... candidates) {
        List<MockMonolith> all = new ArrayList<>(Arrays.asList(candidates));
        long deadline = System.nanoTime() + BalancerFixture.WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (MockMonolith m : all) {
                try {
                    B2M.Join join = m.awaitMessage(B2M.Join.class, j -> j.token().equals(token), Duration.ofMillis(10));
                    return new JoinedClient(client, join.client(), join, m);
                } catch (AssertionError notThere) {
                    // try the next candidate
                }
            }
        }
        throw new AssertionError("no monolith of " + all + " received a join with token " + token);
    }
}
