package org.ottbalancer.e2e.transparency;

import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.ottbalancer.agent.MonolithAgent;
import org.ottbalancer.agent.config.AgentConfig;
import org.ottbalancer.e2e.support.LinkClient;
import org.ottbalancer.monolith.SampleMonolith;
import org.ottbalancer.monolith.config.MonolithConfig;
import org.ottbalancer.monolith.store.InMemoryRoomStore;
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.Visibility;

/**
 * One run of a scenario: fresh sample monoliths on one in-memory store, and test-side balancer
 * links that reach each monolith either straight at its balancing port ({@link Path#DIRECT}) or
 * through a monolith agent of its own ({@link Path#AGENT}). A scenario only talks to the stage, so
 * the same steps run both ways; {@link #finish()} waits until the links fall quiet and returns
 * their transcripts.
 */
final class Stage implements AutoCloseable {
    static final Duration WAIT = Duration.ofSeconds(5);
    /** How long every link must stay silent before a run counts as finished. */
    static final Duration QUIET = Duration.ofMillis(200);

    enum Path { DIRECT, AGENT }

    /** A scenario's steps; run once per path. */
    @FunctionalInterface
    interface Scenario {
        void play(Stage stage) throws Exception;
    }

    /**
     * @param transcripts per link, in the order the links were opened
     * @param framesToMonolith per tapped monolith, in start order: opcodes the monolith received
     */
    record Run(Path path, List<Transcript> transcripts, List<List<String>> framesToMonolith) {
        Transcript link(int i) {
            return transcripts.get(i);
        }

        /** The same run with the reason texts of Close frames dropped (codes kept). */
        Run withoutCloseReasons() {
            return new Run(path, transcripts.stream().map(Transcript::withoutCloseReasons).toList(), framesToMonolith);
        }
    }

    private final Path path;
    private final EventLoopGroup group;
    private final InMemoryRoomStore store = new InMemoryRoomStore();
    private final List<LinkClient> links = new ArrayList<>();
    private final List<FrameTap> taps = new ArrayList<>();
    private final Map<SampleMonolith, Integer> linkPorts = new IdentityHashMap<>();
    /** Rooms in which each link has joined clients (never shrinks: only used to wait for broadcasts). */
    private final Map<LinkClient, Set<String>> members = new IdentityHashMap<>();
    private final List<AutoCloseable> closeables = new ArrayList<>();
    private int tokens;

    private Stage(Path path, EventLoopGroup group) {
        this.path = path;
        this.group = group;
    }

    /** Plays {@code scenario} on a fresh stage and tears everything down afterwards. */
    static Run play(Path path, EventLoopGroup group, Scenario scenario) throws Exception {
        try (Stage stage = new Stage(path, group)) {
            scenario.play(stage);
            return stage.finish();
        }
    }

    Path path() {
        return path;
    }

    /** Test defaults: loopback, free ports, no pause at shutdown, gossip too rare to interfere. */
    static MonolithConfig config() {
        return MonolithConfig.loopbackEphemeral().withShutdownKickWait(Duration.ZERO);
    }

    SampleMonolith monolith() throws IOException {
        return monolith(config(), false);
    }

    /**
     * Starts a monolith and, on the agent path, its agent. With {@code tapped} a {@link FrameTap}
     * sits right in front of the monolith, so both paths' links reach it through the tap.
     */
    SampleMonolith monolith(MonolithConfig config, boolean tapped) throws IOException {
        SampleMonolith m = SampleMonolith.start(config, store);
        closeables.add(m);
        int port = m.balancingPort();
        if (tapped) {
            FrameTap tap = FrameTap.start(port);
            closeables.add(tap);
            taps.add(tap);
            port = tap.port();
        }
        if (path == Path.AGENT) {
            MonolithAgent agent = MonolithAgent.start(AgentConfig.builder().bindAddress("127.0.0.1").linkPort(0)
                    .httpPort(0).prestopPort(0).monolith("127.0.0.1", port).drainOnShutdown(false).build());
            closeables.add(agent);
            port = agent.linkPort();
        }
        linkPorts.put(m, port);
        return m;
    }

    /** A link that has done nothing but connect. */
    LinkClient rawLink(SampleMonolith m) {
        LinkClient link = LinkClient.connect(group, linkPorts.get(m), WAIT);
        links.add(link);
        return link;
    }

    /** A link through the handshake: the monolith's init, ours, and the monolith's first gossip. */
    LinkClient link(SampleMonolith m) {
        LinkClient link = rawLink(m);
        link.awaitText("\"type\":\"init\"", WAIT);
        link.send(new B2M.Init(UUID.randomUUID()));
        link.awaitText("\"type\":\"gossip\"", WAIT);
        return link;
    }

    /**
     * Client ids are the balancer's to choose; fixed ones keep the monolith's derived guest names
     * ({@code "Guest 0001"}) equal between runs.
     */
    static UUID client(int n) {
        return UUID.fromString(String.format("%04x0000-0000-4000-8000-%012x", n, n));
    }

    /** A valid auth token, granted in the shared store. */
    String token() {
        String t = "transparency-token-" + (++tokens) + "-" + UUID.randomUUID();
        store.putToken(t, Duration.ofMinutes(5)).join();
        return t;
    }

    /** A permanent public room, loaded on {@code m} (every linked balancer hears {@code loaded}). */
    void room(SampleMonolith m, String name) {
        if (!m.createRoom(name, Visibility.PUBLIC).join()) {
            throw new AssertionError("room " + name + " already existed");
        }
    }

    /**
     * Joins {@code client} to {@code room} over {@code link} and waits until every link with
     * members in the room (this one included) has the broadcast announcing the newcomer, so that
     * the next step cannot overtake it on any link.
     */
    void join(LinkClient link, String room, UUID client) {
        link.send(new B2M.Join(org.ottbalancer.protocol.RoomName.of(room), client, token()));
        members.computeIfAbsent(link, l -> new HashSet<>()).add(room);
        String added = "\"kind\":\"add\",\"value\":{\"id\":\"" + client + "\"";
        for (Map.Entry<LinkClient, Set<String>> e : members.entrySet()) {
            if (e.getValue().contains(room) && e.getKey().isOpen()) {
                e.getKey().awaitText(added, WAIT);
            }
        }
    }

    private Run finish() throws InterruptedException {
        awaitQuiet();
        Normalizer n = new Normalizer();
        List<Transcript> transcripts = new ArrayList<>();
        for (LinkClient l : links) {
            transcripts.add(Transcript.of(l.frames(), n));
        }
        List<List<String>> tapped = new ArrayList<>();
        for (FrameTap t : taps) {
            tapped.add(t.framesToMonolith());
        }
        return new Run(path, transcripts, tapped);
    }

    /** Every link silent for {@link #QUIET}, so that a stray late message is caught too. */
    private void awaitQuiet() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        int[] last = counts();
        long quietSince = System.nanoTime();
        while (System.nanoTime() - quietSince < QUIET.toNanos()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the links never fell quiet");
            }
            Thread.sleep(20);
            int[] now = counts();
            if (!java.util.Arrays.equals(now, last)) {
                last = now;
                quietSince = System.nanoTime();
            }
        }
    }

    private int[] counts() {
        int[] c = new int[links.size() + taps.size()];
        for (int i = 0; i < links.size(); i++) {
            c[i] = links.get(i).count();
        }
        for (int i = 0; i < taps.size(); i++) {
            c[links.size() + i] = taps.get(i).framesToMonolith().size();
        }
        return c;
    }

    @Override
    public void close() {
        for (LinkClient l : links) {
            l.close();
        }
        for (int i = closeables.size() - 1; i >= 0; i--) {
            try {
                closeables.get(i).close();
            } catch (Exception e) {
                // best effort: the next run starts on fresh ports anyway
            }
        }
    }
}
