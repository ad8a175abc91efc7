package org.ottbalancer.e2e.support;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ottbalancer.agent.MonolithAgent;
import org.ottbalancer.agent.config.AgentConfig;
import org.ottbalancer.balancer.config.DiscoveryConfig;
import org.ottbalancer.e2e.cluster.MonolithNode;
import org.ottbalancer.monolith.config.MonolithConfig;
import org.ottbalancer.monolith.store.RedisRoomStore;
import org.ottbalancer.protocol.RoomName;

/**
 * The server side of a suite, configured like production OTT: a real Redis, monoliths that save
 * 5 s after a change and do not flush on a commanded unload, each behind an agent with its
 * defaults (settle 7 s). Monoliths run in this JVM, or as a child process from the sample
 * monolith's shaded jar when a test must kill one abruptly.
 */
public final class SuiteCluster implements AutoCloseable {
    public static final Duration SAVE_DELAY = Duration.ofSeconds(5);
    public static final String DRAIN_TOKEN = "e2e-drain-token";

    private RedisServer redis;
    private final List<RedisRoomStore> stores = new ArrayList<>();
    private final List<MonolithNode> nodes = new ArrayList<>();
    private final List<ExternalNode> externals = new ArrayList<>();
    private final List<Scenario> scenarios = new ArrayList<>();

    /** A monolith running as its own process (from the shaded jar), with its agent in this JVM. */
    public record ExternalNode(int number, Process process, int httpPort, int balancingPort, MonolithAgent agent, Path log) {
    }

    public void startRedis() throws IOException, InterruptedException {
        redis = RedisServer.start();
    }

    public String redisUri() {
        return redis.uri();
    }

    /** A store connection of its own, as a separate monolith process would have. */
    public RedisRoomStore newStore() {
        RedisRoomStore s = RedisRoomStore.connect(redis.uri());
        stores.add(s);
        return s;
    }

    public MonolithNode startInProcessNode(int number) {
        MonolithConfig config = MonolithConfig.loopbackEphemeral().withSaveDelay(SAVE_DELAY).withFlushOnUnload(false);
        MonolithNode n = MonolithNode.start(number, config, newStore(), agentDefaults());
        nodes.add(n);
        return n;
    }

    /**
     * Runs {@code java -jar ott-sample-monolith.jar --port P --balancing-port Q --store <redis>
     * --save-delay 5s} and puts an agent in front of it once its HTTP port answers.
     */
    public ExternalNode startExternalNode(int number) throws IOException, InterruptedException {
        Path jar = Path.of(System.getProperty("ott.sampleMonolithJar", "../sample-monolith/target/ott-sample-monolith.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("the sample monolith's shaded jar is missing at " + jar.toAbsolutePath()
                    + "; build it with `mvn -pl sample-monolith -am package`");
        }
        int http = FreePorts.loopback();
        int balancing = FreePorts.loopback();
        Path log = Files.createTempFile("ott-e2e-monolith-" + number, ".log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-Xmx256m", "--enable-native-access=ALL-UNNAMED", "-jar", jar.toString(),
                "--bind", "127.0.0.1", "--port", String.valueOf(http), "--balancing-port", String.valueOf(balancing),
                "--store", redis.uri(), "--save-delay", SAVE_DELAY.toMillis() + "ms")
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        HttpClient client = HttpClient.newHttpClient();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (true) {
            if (!p.isAlive()) {
                throw new IllegalStateException("the monolith process exited with " + p.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                HttpResponse<String> res = client.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + http + "/api/status"))
                        .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.ofString());
                if (res.statusCode() == 200) {
                    break;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                p.destroyForcibly();
                throw new IllegalStateException("the monolith process did not answer on port " + http + ":\n" + Files.readString(log));
            }
            Thread.sleep(100);
        }
        MonolithAgent agent = MonolithAgent.start(agentDefaults().monolith("127.0.0.1", balancing).build());
        ExternalNode n = new ExternalNode(number, p, http, balancing, agent, log);
        externals.add(n);
        return n;
    }

    private static AgentConfig.Builder agentDefaults() {
        return AgentConfig.builder().bindAddress("127.0.0.1").linkPort(0).httpPort(0).prestopPort(0)
                .drainToken(DRAIN_TOKEN).saveDelay(SAVE_DELAY).drainOnShutdown(false);
    }

    public List<MonolithNode> nodes() {
        return nodes;
    }

    public List<MonolithNode> others(MonolithNode except) {
        return nodes.stream().filter(n -> n != except).toList();
    }

    /** Every agent's link endpoint, in-process nodes first. */
    public List<DiscoveryConfig.HostPort> agentLinks() {
        List<DiscoveryConfig.HostPort> links = new ArrayList<>();
        for (MonolithNode n : nodes) {
            links.add(new DiscoveryConfig.HostPort("127.0.0.1", n.agent().linkPort()));
        }
        for (ExternalNode n : externals) {
            links.add(new DiscoveryConfig.HostPort("127.0.0.1", n.agent().linkPort()));
        }
        return links;
    }

    public Scenario scenario(List<String> rooms, int usersPerRoom) {
        Scenario s = new Scenario(rooms, usersPerRoom);
        scenarios.add(s);
        return s;
    }

    public static List<String> roomNames(int count) {
        List<String> names = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            names.add(String.format("room-%02d", i));
        }
        return names;
    }

    /** For each room, the numbers of the in-process monoliths that hold it, as they say themselves. */
    public Map<String, List<Integer>> placement(List<String> rooms) throws Exception {
        Map<String, List<Integer>> where = new LinkedHashMap<>();
        for (String r : rooms) {
            where.put(r, new ArrayList<>());
        }
        for (MonolithNode n : nodes) {
            for (RoomName r : n.monolith().loadedRooms().get(5, TimeUnit.SECONDS)) {
                where.computeIfAbsent(r.value(), k -> new ArrayList<>()).add(n.number());
            }
        }
        return where;
    }

    /** Rooms not held by exactly one of {@code allowed}. */
    public static List<String> notOnExactlyOneOf(Map<String, List<Integer>> placement, List<String> rooms, List<MonolithNode> allowed) {
        List<Integer> numbers = allowed.stream().map(MonolithNode::number).toList();
        List<String> wrong = new ArrayList<>();
        for (String r : rooms) {
            List<Integer> on = placement.getOrDefault(r, List.of());
            if (on.size() != 1 || !numbers.contains(on.get(0))) {
                wrong.add(r + " is on monoliths " + on);
            }
        }
        return wrong;
    }

    @Override
    public void close() {
        for (Scenario s : scenarios) {
            s.close();
        }
        for (ExternalNode n : externals) {
            n.agent().close();
            n.process().destroyForcibly();
        }
        for (MonolithNode n : nodes) {
            n.close();
        }
        for (RedisRoomStore s : stores) {
            s.close();
        }
        if (redis != null) {
            redis.close();
        }
    }
}
