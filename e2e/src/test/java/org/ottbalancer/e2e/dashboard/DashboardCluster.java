package org.ottbalancer.e2e.dashboard;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.ottbalancer.agent.config.AgentConfig;
import org.ottbalancer.balancer.BalancerServer;
import org.ottbalancer.balancer.config.BalancerConfig;
import org.ottbalancer.balancer.config.DiscoveryConfig;
import org.ottbalancer.balancer.routing.RoomLocator;
import org.ottbalancer.e2e.cluster.MonolithNode;
import org.ottbalancer.e2e.support.Await;
import org.ottbalancer.e2e.support.FreePorts;
import org.ottbalancer.monolith.config.MonolithConfig;
import org.ottbalancer.monolith.store.InMemoryRoomStore;
import org.ottbalancer.protocol.RoomName;
import org.ottbalancer.protocol.Visibility;

/**
 * The local cluster's shape on ports nobody else uses: one balancer with an API key in front of
 * three sample monoliths, each behind its agent, sharing an in-memory room store. A short save
 * delay keeps a drain short (settle = save delay + 2 s).
 */
final class DashboardCluster implements AutoCloseable {
    static final String API_KEY = "dashboard-it-key";
    static final String DRAIN_TOKEN = "dashboard-it-drain-token";
    static final Duration SAVE_DELAY = Duration.ofSeconds(1);

    private final InMemoryRoomStore store = new InMemoryRoomStore();
    private final List<MonolithNode> nodes = new ArrayList<>();
    private BalancerServer balancer;

    static DashboardCluster start(int monoliths) throws InterruptedException {
        DashboardCluster c = new DashboardCluster();
        try {
            List<DiscoveryConfig.HostPort> links = new ArrayList<>();
            for (int i = 1; i <= monoliths; i++) {
                MonolithConfig monolith = MonolithConfig.loopbackEphemeral().withSaveDelay(SAVE_DELAY)
                        .withKeepaliveTimeout(Duration.ofHours(1));
                AgentConfig.Builder agent = AgentConfig.builder().bindAddress("127.0.0.1").linkPort(0).httpPort(0).prestopPort(0)
                        .drainToken(DRAIN_TOKEN).saveDelay(SAVE_DELAY).drainOnShutdown(false);
                MonolithNode node = MonolithNode.start(i, monolith, c.store, agent);
                c.nodes.add(node);
                links.add(new DiscoveryConfig.HostPort("127.0.0.1", node.agent().linkPort()));
            }
            c.balancer = BalancerServer.start(BalancerConfig.defaults().withPort(FreePorts.loopback()).withApiKey(API_KEY)
                    .withDiscovery(new DiscoveryConfig.Manual(links)));
            Await.until("the balancer linked to every monolith", Duration.ofSeconds(20),
                    () -> c.balancer.state().monoliths().size() == monoliths);
            return c;
        } catch (RuntimeException | InterruptedException e) {
            c.close();
            throw e;
        }
    }

    void createRoom(String name) throws Exception {
        nodes.get(0).monolith().createRoom(name, Visibility.PUBLIC).get(10, TimeUnit.SECONDS);
    }

    String baseUrl() {
        return "http://127.0.0.1:" + balancer.port();
    }

    List<MonolithNode> nodes() {
        return nodes;
    }

    /** The node whose monolith the balancer routes {@code room} to right now. */
    Optional<MonolithNode> holderOf(String room) {
        RoomLocator l = balancer.state().roomMappings().get(RoomName.of(room));
        if (l == null) {
            return Optional.empty();
        }
        UUID id = l.monolith();
        return nodes.stream().filter(n -> n.monolith().id().equals(id)).findFirst();
    }

    /** What the printed drain command of the local run does: {@code POST /drain} on the node's agent. */
    HttpResponse<String> drain(MonolithNode node) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + node.agent().httpPort() + "/drain"))
                .header("Authorization", "Bearer " + DRAIN_TOKEN).POST(HttpRequest.BodyPublishers.noBody())
                .timeout(Duration.ofSeconds(10)).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
    }

    /** Stops the balancer alone: the dashboard loses its data source while the monoliths run on. */
    void stopBalancer() {
        if (balancer != null) {
            balancer.close();
            balancer = null;
        }
    }

    @Override
    public void close() {
        stopBalancer();
        for (MonolithNode n : nodes) {
            try {
                n.close();
            } catch (RuntimeException e) {
                System.err.println("stopping " + n + " failed: " + e);
            }
        }
        try {
            store.close();
        } catch (Exception e) {
            System.err.println("closing the room store failed: " + e);
        }
    }
}
