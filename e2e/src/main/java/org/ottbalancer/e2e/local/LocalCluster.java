package org.ottbalancer.e2e.local;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.ottbalancer.agent.config.AgentConfig;
import org.ottbalancer.balancer.BalancerServer;
import org.ottbalancer.balancer.config.BalancerConfig;
import org.ottbalancer.balancer.config.DiscoveryConfig;
import org.ottbalancer.balancer.routing.RoomLocator;
import org.ottbalancer.e2e.cluster.MonolithNode;
import org.ottbalancer.e2e.cluster.RegistryFile;
import org.ottbalancer.e2e.local.PortPlan.NodePorts;
import org.ottbalancer.monolith.config.MonolithConfig;
import org.ottbalancer.monolith.store.InMemoryRoomStore;
import org.ottbalancer.monolith.store.RedisRoomStore;
import org.ottbalancer.monolith.store.RoomStore;
import org.ottbalancer.protocol.RoomName;
import org.ottbalancer.protocol.Visibility;
import org.ottbalancer.protocol.registry.MonolithEntry;

/**
 * The whole system in one process on loopback, for trying live room migration by hand: a room
 * store, sample monoliths each behind its own agent, a registry file listing the agents and a
 * balancer following that file. {@code java -jar e2e/target/ott-local.jar}.
 *
 * <p>Agents do <em>not</em> drain when the process stops: every monolith stops together, so
 * there is nowhere to move rooms to, and a drain would hold Ctrl-C for the settle time (save
 * delay + 2 s) per batch of rooms. Draining is what the printed {@code curl} command is for.
 *
 * <p>Rooms stay loaded for an hour without clients (the OTT default is a minute), so that the
 * printed "which monolith holds the room" stays true while someone reads it.
 */
public final class LocalCluster implements AutoCloseable {
    public static final String DEMO_ROOM = "demo";
    public static final Path REGISTRY_PATH = Path.of(".ott-local", "registry.json");
    static final Duration STARTUP_TIMEOUT = Duration.ofSeconds(20);
    static final Duration EMPTY_ROOM_KEEPALIVE = Duration.ofHours(1);

    private final LocalClusterOptions options;
    private final RoomStore store;
    private final List<MonolithNode> nodes;
    private final RegistryFile registry;
    private final BalancerServer balancer;
    private final String drainToken;
    private final String apiKey;

    private LocalCluster(LocalClusterOptions options, RoomStore store, List<MonolithNode> nodes, RegistryFile registry,
            BalancerServer balancer, String drainToken, String apiKey) {
        this.options = options;
        this.store = store;
        this.nodes = List.copyOf(nodes);
        this.registry = registry;
        this.balancer = balancer;
        this.drainToken = drainToken;
        this.apiKey = apiKey;
    }

    /**
     * Starts everything, waits until the balancer is linked to every agent and creates the demo
     * room. Whatever started is stopped again if a later step fails.
     *
     * @param workDir where {@code .ott-local/registry.json} is written
     * @throws PortPlan.PortInUseException naming the first port that is taken
     */
    public static LocalCluster start(LocalClusterOptions options, Path workDir) throws InterruptedException {
        PortPlan ports = PortPlan.of(options);
        ports.checkFree();
        RoomStore store = options.redisUri().isPresent()
                ? RedisRoomStore.connect(options.redisUri().get())
                : new InMemoryRoomStore();
        List<MonolithNode> nodes = new ArrayList<>();
        RegistryFile registry = new RegistryFile(workDir.resolve(REGISTRY_PATH));
        BalancerServer balancer = null;
        String token = newToken();
        // The balancer's operator endpoints (/api/state, the dashboard's data) need a key; a fresh one per run.
        String apiKey = newToken();
        try {
            for (NodePorts p : ports.nodes()) {
                nodes.add(startNode(p, options, store, token));
            }
            List<MonolithEntry> entries = new ArrayList<>();
            for (MonolithNode n : nodes) {
                entries.add(n.registryEntry());
            }
            registry.publish(entries);
            balancer = BalancerServer.start(BalancerConfig.defaults().withPort(ports.balancerPort()).withApiKey(apiKey)
                    .withDiscovery(new DiscoveryConfig.File(registry.path(), Duration.ofSeconds(1))));
            LocalCluster cluster = new LocalCluster(options, store, nodes, registry, balancer, token, apiKey);
            cluster.awaitLinks();
            cluster.createDemoRoom();
            return cluster;
        } catch (RuntimeException | InterruptedException e) {
            new LocalCluster(options, store, nodes, registry, balancer, token, apiKey).close();
            throw e;
        }
    }

    private static MonolithNode startNode(NodePorts p, LocalClusterOptions options, RoomStore store, String token) {
        MonolithConfig monolith = MonolithConfig.defaults().withBindAddress("127.0.0.1")
                .withHttpPort(p.monolithHttp()).withBalancingPort(p.monolithBalancing())
                .withSaveDelay(options.saveDelay()).withKeepaliveTimeout(EMPTY_ROOM_KEEPALIVE);
        AgentConfig.Builder agent = AgentConfig.builder().bindAddress("127.0.0.1")
                .linkPort(p.agentLink()).httpPort(p.agentHttp()).prestopPort(p.agentPrestop())
                .drainToken(token).saveDelay(options.saveDelay()).drainOnShutdown(false);
        return MonolithNode.start(p.number(), monolith, store, agent);
    }

    private static String newToken() {
        byte[] bytes = new byte[18];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private void awaitLinks() throws InterruptedException {
        long deadline = System.nanoTime() + STARTUP_TIMEOUT.toNanos();
        while (balancer.state().monoliths().size() < nodes.size()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the balancer linked only " + balancer.state().monoliths().size() + " of "
                        + nodes.size() + " monoliths within " + STARTUP_TIMEOUT.toSeconds() + " s");
            }
            Thread.sleep(50);
        }
    }

    /**
     * Creates the demo room on the first monolith (with Redis it may exist from an earlier run;
     * then the first join loads it wherever the balancer places it), and checks the room page
     * and its WebSocket through the balancer.
     */
    private void createDemoRoom() throws InterruptedException {
        try {
            nodes.get(0).monolith().createRoom(DEMO_ROOM, Visibility.PUBLIC).get(STARTUP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot create the room \"" + DEMO_ROOM + "\": " + e, e);
        }
        new RoomPageCheck(balancer.port(), Duration.ofSeconds(10)).check(DEMO_ROOM);
    }

    /** The node whose monolith the balancer currently routes {@code room} to. */
    public Optional<MonolithNode> holderOf(String room) {
        RoomLocator l = balancer.state().roomMappings().get(RoomName.of(room));
        if (l == null) {
            return Optional.empty();
        }
        UUID id = l.monolith();
        return nodes.stream().filter(n -> n.monolith().id().equals(id)).findFirst();
    }

    public BalancerServer balancer() {
        return balancer;
    }

    public List<MonolithNode> nodes() {
        return nodes;
    }

    public String drainToken() {
        return drainToken;
    }

    /** The balancer's API key, generated at every start. */
    public String apiKey() {
        return apiKey;
    }

    /** The dashboard, with the API key in the fragment: browsers never send a fragment to the server. */
    public String dashboardUrl() {
        return "http://localhost:" + balancer.port() + "/dashboard#key=" + apiKey;
    }

    public Path registryPath() {
        return registry.path();
    }

    /** What a person needs: the URL, where the room lives, how to drain that monolith and watch. */
    public void printInstructions(PrintStream out) {
        int port = balancer.port();
        String url = "http://localhost:" + port + "/room/" + DEMO_ROOM;
        out.println();
        out.println("OTT local cluster is up: balancer on port " + port + ", " + nodes.size() + " monolith(s), "
                + (options.redisUri().isPresent() ? "rooms in " + options.redisUri().get() : "rooms in memory")
                + ", registry " + registry.path());
        out.println();
        for (MonolithNode n : nodes) {
            out.printf("  monolith %d  id %s  HTTP 127.0.0.1:%d  balancing :%d  agent link :%d  agent HTTP :%d  preStop :%d%n",
                    n.number(), n.monolith().id(), n.monolith().httpPort(), n.monolith().balancingPort(),
                    n.agent().linkPort(), n.agent().httpPort(), n.agent().prestopPort());
        }
        out.println();
        out.println("Open the room (checked: page and WebSocket work through the balancer):");
        out.println("  " + url);
        out.println("Watch the cluster (monoliths, rooms, users, drains and moves, live):");
        out.println("  " + dashboardUrl());
        Optional<MonolithNode> holder = holderOf(DEMO_ROOM);
        if (holder.isEmpty()) {
            out.println("The room is not loaded on any monolith yet; the first visitor's join places it.");
            return;
        }
        MonolithNode h = holder.get();
        int agentHttp = h.agent().httpPort();
        out.println();
        out.println("Room \"" + DEMO_ROOM + "\" is held by monolith " + h.number() + " (" + h.monolith().id() + ").");
        out.println();
        out.println("Drain that monolith (its rooms move to the others; the page keeps working, no reconnect):");
        out.println("  curl -X POST -H 'Authorization: Bearer " + drainToken + "' http://127.0.0.1:" + agentHttp + "/drain");
        out.println("Watch it:");
        out.println("  curl http://127.0.0.1:" + agentHttp + "/report");
        out.println("  curl http://127.0.0.1:" + agentHttp + "/drain");
        out.println("  curl http://localhost:" + port + "/api/room/list");
        out.println("A room moves once it has been quiet for the settle time (save delay " + options.saveDelay().toMillis()
                + " ms + 2 s): its clients' messages wait in the balancer meanwhile, then the page gets a fresh sync.");
        out.println("The drain token above works for every agent (HTTP ports 9101..). Ctrl-C stops everything.");
        out.println();
    }

    /** Stops the balancer, the agents (without draining), the monoliths and the store; removes the registry file. */
    @Override
    public void close() {
        if (balancer != null) {
            balancer.close();
        }
        for (MonolithNode n : nodes) {
            try {
                n.close();
            } catch (RuntimeException e) {
                System.err.println("ott-local: stopping " + n + " failed: " + e);
            }
        }
        try {
            store.close();
        } catch (Exception e) {
            System.err.println("ott-local: closing the room store failed: " + e);
        }
        try {
            registry.delete();
        } catch (RuntimeException e) {
            System.err.println("ott-local: " + e.getMessage());
        }
    }

    public static void main(String[] args) {
        LocalClusterOptions options;
        try {
            options = LocalClusterOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("ott-local: " + e.getMessage());
            System.exit(2);
            return;
        }
        if (options.helpRequested()) {
            System.out.print(LocalClusterOptions.usage());
            return;
        }
        LocalCluster cluster;
        try {
            cluster = start(options, Path.of("").toAbsolutePath());
        } catch (PortPlan.PortInUseException e) {
            System.err.println("ott-local: " + e.getMessage());
            System.exit(1);
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            System.exit(1);
            return;
        } catch (RuntimeException e) {
            System.err.println("ott-local: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("ott-local: stopping");
            cluster.close();
            stopped.countDown();
        }, "ott-local-shutdown"));
        cluster.printInstructions(System.out);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
