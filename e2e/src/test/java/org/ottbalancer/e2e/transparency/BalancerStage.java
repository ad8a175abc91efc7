package org.ottbalancer.e2e.transparency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.EventLoopGroup;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.UUID;
import org.ottbalancer.agent.MonolithAgent;
import org.ottbalancer.agent.config.AgentConfig;
import org.ottbalancer.balancer.BalancerServer;
import org.ottbalancer.balancer.config.BalancerConfig;
import org.ottbalancer.balancer.config.DiscoveryConfig;
import org.ottbalancer.balancer.config.MigrationConfig;
import org.ottbalancer.balancer.routing.RoomLocator;
import org.ottbalancer.e2e.support.Await;
import org.ottbalancer.monolith.SampleMonolith;
import org.ottbalancer.monolith.store.InMemoryRoomStore;
import org.ottbalancer.protocol.RoomName;
import org.ottbalancer.protocol.Visibility;

/**
 * A real balancer in front of two sample monoliths sharing one in-memory store, dialling either the
 * monoliths' balancing ports ({@link Stage.Path#DIRECT}) or an agent in front of each
 * ({@link Stage.Path#AGENT}). The monoliths gossip every 200 ms so that the balancer's room list
 * follows user counts quickly.
 */
final class BalancerStage implements AutoCloseable {
    static final String API_KEY = "transparency-api-key";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration GOSSIP_EVERY = Duration.ofMillis(200);

    private final Stage.Path path;
    private final EventLoopGroup group;
    private final InMemoryRoomStore store = new InMemoryRoomStore();
    private final List<SampleMonolith> monoliths = new ArrayList<>();
    private final List<MonolithAgent> agents = new ArrayList<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private BalancerServer balancer;
    private int tokens;

    private BalancerStage(Stage.Path path, EventLoopGroup group) {
        this.path = path;
        this.group = group;
    }

    /** Starts everything and waits until the balancer is linked to both monoliths. */
    static BalancerStage start(Stage.Path path, MigrationConfig.Mode mode, EventLoopGroup group) throws Exception {
        BalancerStage s = new BalancerStage(path, group);
        try {
            s.startAll(mode);
            return s;
        } catch (Exception | AssertionError e) {
            s.close();
            throw e;
        }
    }

    private void startAll(MigrationConfig.Mode mode) throws Exception {
        List<DiscoveryConfig.HostPort> endpoints = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            SampleMonolith m = SampleMonolith.start(Stage.config().withGossipInterval(GOSSIP_EVERY), store);
            monoliths.add(m);
            int port = m.balancingPort();
            if (path == Stage.Path.AGENT) {
                MonolithAgent a = MonolithAgent.start(AgentConfig.builder().bindAddress("127.0.0.1").linkPort(0).httpPort(0)
                        .prestopPort(0).monolith("127.0.0.1", port).drainOnShutdown(false).build());
                agents.add(a);
                port = a.linkPort();
            }
            endpoints.add(new DiscoveryConfig.HostPort("127.0.0.1", port));
        }
        balancer = BalancerServer.start(BalancerConfig.defaults().withPort(0).withApiKey(API_KEY)
                .withDiscovery(new DiscoveryConfig.Manual(endpoints))
                .withMigration(MigrationConfig.defaults().withMode(mode)));
        boolean agents = path == Stage.Path.AGENT;
        Await.until("the balancer linked to both monoliths" + (agents ? ", each announcing its agent" : ""),
                Stage.WAIT, () -> balancer.state().monoliths().size() == 2
                        && balancer.state().monoliths().stream().allMatch(l -> l.agentPresent() == agents));
    }

    SampleMonolith monolith(int i) {
        return monoliths.get(i);
    }

    /** A room saved in the store but loaded nowhere: the balancer's placement decides where it lives. */
    void storedRoom(String name) {
        if (!monoliths.get(0).createStoredRoom(name, Visibility.PUBLIC).join()) {
            throw new AssertionError("room " + name + " already existed");
        }
    }

    Browser join(String name, String room) throws Exception {
        String token = "transparency-token-" + (++tokens) + "-" + UUID.randomUUID();
        store.putToken(token, Duration.ofMinutes(5)).join();
        return Browser.join(name, group, balancer.port(), room, token);
    }

    /** The monolith the balancer maps {@code room} to. */
    SampleMonolith holderOf(String room) {
        RoomLocator l = balancer.state().roomMappings().get(RoomName.of(room));
        if (l == null) {
            throw new AssertionError("room " + room + " is not mapped");
        }
        return monoliths.stream().filter(m -> m.id().equals(l.monolith())).findFirst()
                .orElseThrow(() -> new AssertionError("room " + room + " is mapped to an unknown monolith " + l.monolith()));
    }

    /** {@code GET /api/room/list} once it lists {@code room} with {@code users} users. */
    String awaitRoomList(String room, int users) throws InterruptedException {
        String[] last = {""};
        Await.until("the room list to show " + room + " with " + users + " user(s)", Stage.WAIT, () -> {
            last[0] = get("/api/room/list", false);
            JsonNode list = parse(last[0]);
            for (JsonNode r : list) {
                if (r.path("name").asText().equals(room) && r.path("users").asInt(-1) == users) {
                    return true;
                }
            }
            return false;
        }, () -> "; last list: " + last[0]);
        return parse(last[0]).toString();
    }

    /**
     * {@code GET /api/state} once {@code room} has exactly {@code clients} clients there, as
     * canonical lines: monoliths (sorted, by region and rooms) with their clients named after the
     * browsers whose {@code you} carried that id. The monolith ids must be the monoliths' own, with
     * or without an agent in between.
     */
    List<String> awaitState(String room, int clients, Map<String, Browser> browsers) throws InterruptedException {
        JsonNode[] last = {null};
        Await.until("/api/state to show " + clients + " client(s) in " + room, Stage.WAIT, () -> {
            last[0] = parse(get("/api/state", true));
            int n = 0;
            for (JsonNode m : last[0].path("monoliths")) {
                for (JsonNode r : m.path("rooms")) {
                    if (r.path("name").asText().equals(room)) {
                        n += r.path("clients").size();
                    }
                }
            }
            return n == clients;
        }, () -> "; last state: " + last[0]);
        JsonNode state = last[0];
        TreeSet<String> ids = new TreeSet<>();
        List<String> lines = new ArrayList<>();
        lines.add("balancer region " + state.path("region").asText());
        TreeSet<String> monolithLines = new TreeSet<>();
        for (JsonNode m : state.path("monoliths")) {
            ids.add(m.path("id").asText());
            StringBuilder b = new StringBuilder("monolith region " + m.path("region").asText() + ":");
            for (JsonNode r : m.path("rooms")) {
                b.append(" room ").append(r.path("name").asText()).append(" [");
                TreeSet<String> names = new TreeSet<>();
                for (JsonNode c : r.path("clients")) {
                    names.add(browserWithId(browsers, c.path("id").asText()) + "@" + c.path("edge_region").asText());
                }
                b.append(String.join(", ", names)).append(']');
            }
            monolithLines.add(b.toString());
        }
        lines.addAll(monolithLines);
        TreeSet<String> expected = new TreeSet<>();
        monoliths.forEach(m -> expected.add(m.id().toString()));
        if (!ids.equals(expected)) {
            throw new AssertionError("/api/state lists monoliths " + ids + ", expected the monoliths' own ids " + expected);
        }
        return lines;
    }

    private static String browserWithId(Map<String, Browser> browsers, String id) {
        for (Map.Entry<String, Browser> e : browsers.entrySet()) {
            if (id.equals(e.getValue().id())) {
                return e.getKey();
            }
        }
        return "unknown client";
    }

    private String get(String path, boolean authorised) {
        HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + balancer.port() + path))
                .timeout(Duration.ofSeconds(5));
        if (authorised) {
            req.header("Authorization", "Bearer " + API_KEY);
        }
        try {
            HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) {
                throw new AssertionError("GET " + path + " answered " + res.statusCode() + ": " + res.body());
            }
            return res.body();
        } catch (java.io.IOException e) {
            throw new AssertionError("GET " + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (java.io.IOException e) {
            throw new AssertionError("not JSON: " + json, e);
        }
    }

    @Override
    public void close() {
        if (balancer != null) {
            balancer.close();
        }
        for (MonolithAgent a : agents) {
            a.close();
        }
        for (SampleMonolith m : monoliths) {
            m.close();
        }
    }
}
