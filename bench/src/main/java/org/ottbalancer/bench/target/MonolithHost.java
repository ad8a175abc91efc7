package org.ottbalancer.bench.target;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.ottbalancer.agent.MonolithAgent;
import org.ottbalancer.agent.config.AgentConfig;
import org.ottbalancer.monolith.SampleMonolith;
import org.ottbalancer.monolith.config.MonolithConfig;
import org.ottbalancer.monolith.store.InMemoryRoomStore;
import org.ottbalancer.protocol.Visibility;

/**
 * The monoliths of one scenario, in a JVM of their own so that their CPU and memory are measured
 * apart from the load generator and the proxy. They share one in-memory store, as OTT monoliths
 * share Redis: a token or room created through one is valid on all, which the balancer relies on.
 *
 * <p>Arguments (all written by {@link HostOptions}): {@code --count N}, {@code --stored prefix:n},
 * {@code --loaded-on-first prefix:n}, {@code --agents TOKEN}, {@code --save-delay MS},
 * {@code --settle-margin MS}. Once the monoliths listen and the rooms exist, it prints one line,
 * {@link #READY_PREFIX} followed by the ports as JSON, and runs until it is killed.
 */
public final class MonolithHost {
    /** Starts the ready line on stdout; the driver waits for it (see {@link RunningTarget}). */
    public static final String READY_PREFIX = "MONOLITHS ";

    private MonolithHost() {
    }

    public static void main(String[] args) throws Exception {
        int count = 2;
        String stored = null;
        String loadedOnFirst = null;
        String agentToken = null;
        Duration saveDelay = Duration.ofSeconds(5);
        Duration settleMargin = Duration.ofSeconds(2);
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--count" -> count = Integer.parseInt(args[++i]);
                case "--stored" -> stored = args[++i];
                case "--loaded-on-first" -> loadedOnFirst = args[++i];
                case "--agents" -> agentToken = args[++i];
                case "--save-delay" -> saveDelay = Duration.ofMillis(Long.parseLong(args[++i]));
                case "--settle-margin" -> settleMargin = Duration.ofMillis(Long.parseLong(args[++i]));
                default -> {
                    System.err.println("unknown argument " + args[i] + " (expected --count N, --stored prefix:n, "
                            + "--loaded-on-first prefix:n, --agents TOKEN, --save-delay MS, --settle-margin MS)");
                    // The driver sees the exit and points at this process's log.
                    System.exit(2);
                }
            }
        }

        InMemoryRoomStore store = new InMemoryRoomStore();
        List<SampleMonolith> monoliths = new ArrayList<>();
        List<MonolithAgent> agents = new ArrayList<>();
        // Benchmark mode (echo and broadcast, no saves). Empty rooms stay loaded for 10 minutes so
        // that rooms loaded before the clients arrive, or between phases, are still where they were.
        MonolithConfig config = MonolithConfig.loopbackEphemeral().withBench(true).withSaveDelay(saveDelay)
                .withKeepaliveTimeout(Duration.ofMinutes(10));
        for (int i = 0; i < count; i++) {
            monoliths.add(SampleMonolith.start(config, store));
        }
        if (agentToken != null) {
            for (SampleMonolith m : monoliths) {
                // The driver asks for a drain itself; the agent must not drain when the host is killed.
                agents.add(MonolithAgent.start(AgentConfig.builder()
                        .bindAddress("127.0.0.1").linkPort(0).httpPort(0).prestopPort(0)
                        .monolith("127.0.0.1", m.balancingPort())
                        .drainToken(agentToken)
                        .saveDelay(saveDelay)
                        .settleMargin(settleMargin)
                        .drainOnShutdown(false)
                        .build()));
            }
        }

        List<CompletableFuture<Boolean>> creating = new ArrayList<>();
        if (stored != null) {
            RoomSet set = RoomSet.parse(stored);
            for (int i = 0; i < set.count(); i++) {
                creating.add(monoliths.get(0).createStoredRoom(set.name(i), Visibility.PUBLIC));
            }
        }
        if (loadedOnFirst != null) {
            RoomSet set = RoomSet.parse(loadedOnFirst);
            for (int i = 0; i < set.count(); i++) {
                creating.add(monoliths.get(0).createRoom(set.name(i), Visibility.PUBLIC));
            }
        }
        CompletableFuture.allOf(creating.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

        ObjectMapper json = new ObjectMapper();
        ObjectNode ready = json.createObjectNode();
        ArrayNode list = ready.putArray("monoliths");
        for (int i = 0; i < monoliths.size(); i++) {
            ObjectNode m = list.addObject();
            m.put("http", monoliths.get(i).httpPort());
            m.put("balancing", monoliths.get(i).balancingPort());
            if (!agents.isEmpty()) {
                m.put("agentLink", agents.get(i).linkPort());
                m.put("agentHttp", agents.get(i).httpPort());
            }
        }
        System.out.println(READY_PREFIX + json.writeValueAsString(ready));
        System.out.flush();
        // The monoliths run on their own threads; this one only keeps the JVM alive until it is killed.
        Thread.currentThread().join();
    }

    /** Rooms {@code prefix0 .. prefix(count-1)}, written {@code prefix:count} on the command line. */
    record RoomSet(String prefix, int count) {

        static RoomSet parse(String s) {
            int colon = s.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException("expected prefix:count, got " + s);
            }
            return new RoomSet(s.substring(0, colon), Integer.parseInt(s.substring(colon + 1)));
        }

        String name(int i) {
            return prefix + i;
        }
    }
}
