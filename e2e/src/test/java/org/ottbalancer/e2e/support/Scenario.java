package org.ottbalancer.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.ottbalancer.balancer.BalancerServer;
import org.ottbalancer.balancer.config.BalancerConfig;
import org.ottbalancer.balancer.config.DiscoveryConfig;

/**
 * The people side of a suite: balancers that discover the monoliths' agents, rooms, users spread
 * over the balancers, and the traffic they make (numbered chat messages from everybody, title
 * changes from the first user of every room). Monoliths and agents belong to the suite.
 */
public final class Scenario implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final EventLoopGroup clientGroup = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<BalancerServer> balancers = new ArrayList<>();
    /** Where users connect: the in-process balancers' ports, or a Service's port in front of balancer pods. */
    private final List<Integer> entryPorts = new ArrayList<>();
    private final List<ChatUser> rejoined = new ArrayList<>();
    private final List<String> rooms;
    private final int usersPerRoom;
    private final List<ChatUser> users = new ArrayList<>();
    private final AtomicInteger[] titlesSent;
    private final AtomicInteger titleSendErrors = new AtomicInteger();
    private final AtomicReference<Throwable> trafficError = new AtomicReference<>();
    private ScheduledExecutorService traffic;

    public Scenario(List<String> rooms, int usersPerRoom) {
        this.rooms = List.copyOf(rooms);
        this.usersPerRoom = usersPerRoom;
        this.titlesSent = new AtomicInteger[rooms.size()];
        for (int i = 0; i < titlesSent.length; i++) {
            titlesSent[i] = new AtomicInteger();
        }
    }

    /** Starts {@code count} balancers on free ports with default migration settings, each dialling every agent. */
    public void startBalancers(int count, List<DiscoveryConfig.HostPort> agents) throws InterruptedException {
        for (int i = 0; i < count; i++) {
            BalancerServer b = BalancerServer.start(BalancerConfig.defaults().withPort(0)
                    .withDiscovery(new DiscoveryConfig.Manual(agents)));
            balancers.add(b);
            entryPorts.add(b.port());
        }
    }

    /** Users (and token grants) also enter through {@code port}, e.g. a Service spreading connections over balancer pods. */
    public void enterThrough(int port) {
        entryPorts.add(port);
    }

    public List<Integer> entryPorts() {
        return entryPorts;
    }

    public List<BalancerServer> balancers() {
        return balancers;
    }

    /** Waits until every balancer is linked to {@code monoliths} monoliths. */
    public void awaitLinks(int monoliths) throws InterruptedException {
        Await.until("every balancer linked to " + monoliths + " monoliths", Duration.ofSeconds(20),
                () -> balancers.stream().allMatch(b -> b.state().monoliths().size() == monoliths));
    }

    /** Waits until every balancer maps every room (learned from the monoliths' {@code loaded}). */
    public void awaitRoomsMapped() throws InterruptedException {
        Await.until("every balancer mapping all " + rooms.size() + " rooms", Duration.ofSeconds(20),
                () -> balancers.stream().allMatch(b -> rooms.stream().allMatch(r ->
                        b.state().roomMappings().containsKey(org.ottbalancer.protocol.RoomName.of(r)))));
    }

    /**
     * Connects {@code usersPerRoom} users to every room, alternating between the balancers, and
     * waits until each one has its room's {@code sync}.
     */
    public void connectUsers() throws Exception {
        List<CompletableFuture<ChatUser>> joins = new ArrayList<>();
        int total = rooms.size() * usersPerRoom;
        for (int i = 0; i < total; i++) {
            users.add(new ChatUser(i, usersPerRoom, rooms.get(i / usersPerRoom), entryPorts.get(i % entryPorts.size())));
        }
        List<String> tokens = grantTokens(total);
        for (int i = 0; i < total; i++) {
            joins.add(users.get(i).join(clientGroup, tokens.get(i)));
            if (i % 50 == 49) {
                // A burst of 500 simultaneous handshakes would only test the accept backlog.
                CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
            }
        }
        CompletableFuture.allOf(joins.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }

    private List<String> grantTokens(int count) throws IOException, InterruptedException {
        List<String> tokens = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            tokens.add(grantToken(entryPorts.get(i % entryPorts.size())));
        }
        return tokens;
    }

    /** A token from {@code GET /api/auth/grant}, through the balancer (proxied to some monolith). */
    public String grantToken(int balancerPort) throws IOException, InterruptedException {
        HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + balancerPort + "/api/auth/grant"))
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (res.statusCode() != 200) {
            throw new IllegalStateException("token grant through the balancer answered " + res.statusCode() + ": " + res.body());
        }
        return JSON.readTree(res.body()).path("token").asText();
    }

    public List<ChatUser> users() {
        return users;
    }

    /**
     * A user whose connection ended comes back: a new connection through the same entry port, the same
     * index and room, and a fresh token. The returned user is not in {@link #users()} (whose numbers
     * describe the first connections); it completes once the room's {@code sync} arrived.
     */
    public CompletableFuture<ChatUser> rejoin(ChatUser gone) throws IOException, InterruptedException {
        ChatUser again = new ChatUser(gone.index(), usersPerRoom, gone.room(), gone.balancerPort());
        synchronized (rejoined) {
            rejoined.add(again);
        }
        return again.join(clientGroup, grantToken(gone.balancerPort()));
    }

    public List<String> rooms() {
        return rooms;
    }

    /**
     * Everybody sends a chat message every {@code chatEvery}; the first user of each room sets the
     * title to {@code t-<n>} every {@code titleEvery}. Start times are spread so that sends do not
     * come in waves.
     */
    public void startTraffic(Duration chatEvery, Duration titleEvery) {
        traffic = Executors.newScheduledThreadPool(2, r -> {
            Thread t = new Thread(r, "e2e-traffic");
            t.setDaemon(true);
            return t;
        });
        Random random = new Random(42);
        for (ChatUser u : users) {
            traffic.scheduleAtFixedRate(guard(u::sendChat), random.nextInt((int) chatEvery.toMillis()), chatEvery.toMillis(),
                    TimeUnit.MILLISECONDS);
            if (u.index() % usersPerRoom == 0) {
                AtomicInteger counter = titlesSent[u.roomIndex()];
                traffic.scheduleAtFixedRate(guard(() -> u.sendTitle("t-" + counter.incrementAndGet())),
                        random.nextInt((int) titleEvery.toMillis()), titleEvery.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
    }

    private Runnable guard(Runnable send) {
        return () -> {
            try {
                send.run();
            } catch (RuntimeException e) {
                trafficError.compareAndSet(null, e);
            }
        };
    }

    /** Stops all sending; returns once no send is running. */
    public void stopTraffic() throws InterruptedException {
        traffic.shutdownNow();
        if (!traffic.awaitTermination(5, TimeUnit.SECONDS)) {
            throw new AssertionError("traffic threads did not stop");
        }
        if (trafficError.get() != null) {
            throw new AssertionError("sending failed", trafficError.get());
        }
    }

    /** The last title value ({@code t-<n>}) sent to room number {@code room}, or null if none was. */
    public String lastTitleSent(int room) {
        int n = titlesSent[room].get();
        return n == 0 ? null : "t-" + n;
    }

    public long messagesSent() {
        return users.stream().mapToLong(ChatUser::lastSeqSent).sum();
    }

    public long messagesReceived() {
        return users.stream().mapToLong(ChatUser::receivedCount).sum();
    }

    /** Everybody has received at least as many live messages as their room's users sent. */
    public boolean everyoneCaughtUp() {
        for (ChatUser u : users) {
            int first = u.roomIndex() * usersPerRoom;
            long expected = 0;
            for (int p = 0; p < usersPerRoom; p++) {
                expected += users.get(first + p).lastSeqSent();
            }
            if (u.receivedCount() < expected) {
                return false;
            }
        }
        return true;
    }

    /**
     * Opens a new connection to {@code room} through {@code balancerPort} and returns the
     * {@code sync} it gets: the room's state as its monolith holds it now.
     */
    public JsonNode freshSync(String room, int balancerPort) throws Exception {
        CompletableFuture<JsonNode> sync = new CompletableFuture<>();
        String token = grantToken(balancerPort);
        WsClient client = WsClient.connect(clientGroup, balancerPort, "/api/room/" + room, text -> {
            try {
                JsonNode msg = JSON.readTree(text);
                if ("sync".equals(msg.path("action").asText())) {
                    sync.complete(msg);
                }
            } catch (IOException e) {
                sync.completeExceptionally(e);
            }
        }).get(10, TimeUnit.SECONDS);
        try {
            client.send("{\"action\":\"auth\",\"token\":\"" + token + "\"}");
            return sync.get(10, TimeUnit.SECONDS);
        } finally {
            client.close();
        }
    }

    @Override
    public void close() {
        if (traffic != null) {
            traffic.shutdownNow();
        }
        for (ChatUser u : users) {
            u.close();
        }
        synchronized (rejoined) {
            for (ChatUser u : rejoined) {
                u.close();
            }
        }
        for (BalancerServer b : balancers) {
            b.close();
        }
        clientGroup.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }
}
