package org.ottbalancer.balancer.migration;

import static org.ottbalancer.balancer.harness.BalancerFixture.WAIT;

import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.ottbalancer.balancer.client.ClientSession;
import org.ottbalancer.balancer.config.BalancerConfig;
import org.ottbalancer.balancer.config.MigrationConfig;
import org.ottbalancer.balancer.harness.Eventually;
import org.ottbalancer.balancer.harness.JoinedClient;
import org.ottbalancer.balancer.harness.MockMonolith;
import org.ottbalancer.balancer.harness.RunningBalancer;
import org.ottbalancer.balancer.link.LocalRoom;
import org.ottbalancer.balancer.link.MonolithLink;
import org.ottbalancer.balancer.routing.Rendezvous;
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.RawJson;
import org.ottbalancer.protocol.RoomName;
import org.ottbalancer.protocol.UnloadReason;
import org.ottbalancer.protocol.registry.MonolithState;

/**
 * The steps a monolith agent and its monolith take to move a room, and the waits that let a test
 * know the balancer has applied them (every room-state message is applied on the balancer's control
 * thread, after the frame has been read).
 */
final class MigrationSteps {
    /** Short bounds so that timeouts are exercised within a test's time budget. */
    static final Duration TIMEOUT = Duration.ofSeconds(3);
    static final Duration MAX_FREEZE = Duration.ofSeconds(5);
    /** A freeze deadline longer than any test waits for something else. */
    static final long LONG_FREEZE_MS = 4_000;

    private MigrationSteps() {
    }

    static MigrationConfig migration(MigrationConfig.Mode mode) {
        return new MigrationConfig(mode, 1024, 4L << 20, TIMEOUT, MAX_FREEZE);
    }

    static UnaryOperator<BalancerConfig> mode(MigrationConfig.Mode mode) {
        return c -> c.withMigration(migration(mode));
    }

    /** The monolith's link as the balancer sees it (null when not linked). */
    static MonolithLink link(RunningBalancer b, MockMonolith m) {
        for (MonolithLink l : b.server().state().monoliths()) {
            if (l.id().equals(m.id())) {
                return l;
            }
        }
        return null;
    }

    /** The monolith's agent announces itself ({@code ext_status active}); waits until the balancer knows. */
    static void announceAgent(RunningBalancer b, MockMonolith m) {
        m.send(new M2B.Status(MonolithState.ACTIVE));
        Eventually.await(WAIT, "balancer saw the agent on " + m, () -> {
            MonolithLink l = link(b, m);
            return l != null && l.agentPresent();
        });
    }

    /** The monolith's agent announces draining; waits until the balancer treats the monolith as draining. */
    static void announceDraining(RunningBalancer b, MockMonolith m) {
        m.send(new M2B.Status(MonolithState.DRAINING));
        Eventually.await(WAIT, "balancer treats " + m + " as draining", () -> {
            MonolithLink l = link(b, m);
            return l != null && l.draining();
        });
    }

    /** The monolith loads {@code room} and reports it; waits until every balancer maps the room to it. */
    static void load(MockMonolith m, String room, long epoch, RunningBalancer... balancers) {
        m.load(room, epoch);
        for (RunningBalancer b : balancers) {
            Eventually.await(WAIT, room + " mapped to " + m, () -> m.id().equals(owner(b, room)));
        }
    }

    /** The monolith {@code room} is mapped to on {@code b}, or null. */
    static UUID owner(RunningBalancer b, String room) {
        var locator = b.server().state().roomMappings().get(RoomName.of(room));
        return locator == null ? null : locator.monolith();
    }

    /** Rooms the balancer holds frozen right now (the migration gauge). */
    static double frozenRooms(RunningBalancer b) {
        return b.server().metrics().registry().get("balancer.migration.frozen.rooms").gauge().value();
    }

    /** Clients the balancer holds open while their room finds its home (the migration gauge). */
    static double heldClients(RunningBalancer b) {
        return b.server().metrics().registry().get("balancer.migration.held.clients").gauge().value();
    }

    static void awaitHeldClients(RunningBalancer b, int n) {
        Eventually.await(WAIT, n + " client(s) held on balancer " + b.id(), () -> heldClients(b) == n);
    }

    /** The agent freezes {@code room}; waits until every balancer holds it frozen. */
    static void freeze(MockMonolith m, String room, long deadlineMillis, RunningBalancer... balancers) {
        double[] before = new double[balancers.length];
        for (int i = 0; i < balancers.length; i++) {
            before[i] = frozenRooms(balancers[i]);
        }
        m.send(new M2B.Freeze(RoomName.of(room), deadlineMillis));
        for (int i = 0; i < balancers.length; i++) {
            RunningBalancer b = balancers[i];
            double was = before[i];
            Eventually.await(WAIT, room + " frozen on balancer " + b.id(), () -> frozenRooms(b) > was);
            settle(b, m, room);
        }
    }

    /**
     * Waits until the balancer has finished applying what it is doing to {@code room}'s clients on
     * {@code m}: first the control thread (which tells each client's connection to hold its frames),
     * then each client's event loop (which applies that). The freeze gauge moves before the clients
     * are told, so it alone does not say that a frame sent now will be held.
     */
    static void settle(RunningBalancer b, MockMonolith m, String room) {
        await(b.server().state().control().submit(() -> { }));
        MonolithLink l = link(b, m);
        LocalRoom local = l == null ? null : l.rooms().get(RoomName.of(room));
        if (local == null) {
            return;
        }
        for (ClientSession c : local.clients()) {
            await(c.channel().eventLoop().submit(() -> { }));
        }
    }

    /**
     * Holds the balancer's control thread (as a busy or descheduled thread would be) until the
     * returned handle is closed; the links' event loops keep reading meanwhile.
     */
    static AutoCloseable pauseControl(RunningBalancer b) {
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        b.server().state().control().execute(() -> {
            started.countDown();
            try {
                release.await(WAIT.toMillis() * 2, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        try {
            if (!started.await(WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("the control thread did not pick up the pause");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
        return release::countDown;
    }

    private static void await(Future<?> task) {
        if (!task.awaitUninterruptibly(WAIT.toMillis())) {
            throw new AssertionError("the balancer's event loop did not run a task within " + WAIT);
        }
    }

    static void awaitThawed(RunningBalancer b) {
        Eventually.await(WAIT, "no room frozen on balancer " + b.id(), () -> frozenRooms(b) == 0);
    }

    /** What the monolith does once the room's state is saved: kicks its clients with 1001, then unloads it. */
    static void unloadForMove(MockMonolith m, String room, UUID... clients) {
        for (UUID c : clients) {
            m.send(new M2B.Kick(c, 1001));
        }
        m.unload(room, UnloadReason.Commanded);
    }

    static UUID[] ids(JoinedClient... clients) {
        return Arrays.stream(clients).map(JoinedClient::id).toArray(UUID[]::new);
    }

    /** The whole move: freeze, kick with 1001, unload. */
    static void move(RunningBalancer b, MockMonolith from, String room, JoinedClient... clients) {
        freeze(from, room, LONG_FREEZE_MS, b);
        unloadForMove(from, room, ids(clients));
    }

    static B2M.Join awaitJoinOf(MockMonolith m, UUID client) {
        return m.awaitMessage(B2M.Join.class, j -> j.client().equals(client), WAIT);
    }

    /**
     * The monolith answers a client's {@code join} as the real one does once the join is complete:
     * with a message addressed to that client (OTT sends the room's {@code sync}).
     */
    static void answerJoin(MockMonolith m, B2M.Join join) {
        m.send(M2B.RoomMsg.to(join.room(), join.client(), RawJson.of(MockMonolith.greetingFor(join.client()))));
    }

    /** Waits for the client's {@code join} on {@code m} and answers it. */
    static B2M.Join awaitAndAnswerJoinOf(MockMonolith m, UUID client) {
        B2M.Join join = awaitJoinOf(m, client);
        answerJoin(m, join);
        return join;
    }

    static String awaitClientMsg(MockMonolith m, UUID client) {
        return m.awaitMessage(B2M.ClientMsg.class, msg -> msg.clientId().equals(client), WAIT).payload().text();
    }

    /** The next {@code n} messages about clients ({@code join}, {@code client_msg}, ...) {@code m} received, in arrival order. */
    static List<B2M> nextClientMessages(MockMonolith m, int n) {
        List<B2M> out = new ArrayList<>(n);
        while (out.size() < n) {
            B2M message = m.awaitFrame(WAIT).message();
            if (!(message instanceof B2M.Init)) {
                out.add(message);
            }
        }
        return out;
    }

    /** Where rendezvous hashing puts {@code room} among {@code candidates}, as the balancer computes it. */
    static MockMonolith rendezvous(RunningBalancer b, String room, MockMonolith... candidates) {
        List<MonolithLink> links = new ArrayList<>();
        for (MockMonolith m : candidates) {
            links.add(link(b, m));
        }
        UUID chosen = Rendezvous.pick(RoomName.of(room).key(), links).orElseThrow().id();
        for (MockMonolith m : candidates) {
            if (m.id().equals(chosen)) {
                return m;
            }
        }
        throw new AssertionError("rendezvous chose an unknown monolith " + chosen);
    }

    /**
     * A room name whose rendezvous choice among {@code all} is {@code favourite}: moving such a
     * room away from {@code favourite} shows that the monolith it left is excluded.
     */
    static String roomFavouring(RunningBalancer b, MockMonolith favourite, MockMonolith... all) {
        for (int i = 0; i < 1000; i++) {
            String room = "room" + i;
            if (rendezvous(b, room, all) == favourite) {
                return room;
            }
        }
        throw new AssertionError("no room name favours " + favourite);
    }

    /** The value of one sample in a Prometheus scrape (0 when absent). */
    static double metric(String scrape, String name) {
        for (String line : scrape.split("\n")) {
            if (line.startsWith(name + " ") || line.startsWith(name + "{")) {
                return Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return 0;
    }
}
