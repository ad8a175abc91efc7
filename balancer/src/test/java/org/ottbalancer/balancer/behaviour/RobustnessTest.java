package org.ottbalancer.balancer.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ottbalancer.balancer.harness.BalancerFixture.QUIET;
import static org.ottbalancer.balancer.harness.BalancerFixture.WAIT;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ottbalancer.balancer.harness.BalancerFixture;
import org.ottbalancer.balancer.harness.CloseStatus;
import org.ottbalancer.balancer.harness.Eventually;
import org.ottbalancer.balancer.harness.JoinedClient;
import org.ottbalancer.balancer.harness.MockClient;
import org.ottbalancer.balancer.harness.MockMonolith;
import org.ottbalancer.balancer.harness.MockMonolith.FirstFrame;
import org.ottbalancer.balancer.harness.RawHttp;
import org.ottbalancer.balancer.harness.RunningBalancer;
import org.ottbalancer.balancer.harness.TestLimits;
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.RawJson;
import org.ottbalancer.protocol.RoomName;

/** Spec §10.15, §10.16, §10.24 and the limits: one misbehaving or slow peer never hurts the others. */
class RobustnessTest {
    @RegisterExtension
    final BalancerFixture fx = new BalancerFixture();

    @Test
    void malformedFrameBeforeAuthEndsOnlyThatConnection() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        MockClient bad = b.open("foo");

        bad.sendFrameWithReservedBits("{\"action\":\"auth\",\"token\":\"x\"}");

        bad.awaitClose(WAIT);
        b.join("foo", m);
    }

    @Test
    void malformedFrameAfterJoinEndsOnlyThatConnectionAndSendsLeave() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient bad = b.join("foo", m);
        JoinedClient good = b.join("foo", m);

        bad.client().sendFrameWithReservedBits("{\"action\":\"status\"}");

        bad.client().awaitClose(WAIT);
        assertEquals(bad.id(), m.awaitMessage(B2M.Leave.class, WAIT).client());
        good.client().sendText("{\"ok\":true}");
        assertEquals(good.id(), m.awaitMessage(B2M.ClientMsg.class, WAIT).clientId());
    }

    @Test
    void oversizedClientFrameIsClosedWith1009ForThatConnectionOnly() {
        RunningBalancer b = fx.balancer(c -> c.withLimits(TestLimits.fast().maxFrameBytes(64 * 1024).build()));
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient big = b.join("foo", m);
        JoinedClient small = b.join("foo", m);

        big.client().sendText("{\"blob\":\"" + "x".repeat(100 * 1024) + "\"}");

        assertEquals(1009, big.client().awaitClose(WAIT).code());
        small.client().sendText("{\"small\":true}");
        assertEquals(small.id(), m.awaitMessage(B2M.ClientMsg.class, WAIT).clientId());
    }

    @Test
    void fiveHundredConcurrentJoinsOverFiftyRoomsAndThreeMonolithsEachReachTheirRoomsMonolith() throws Exception {
        RunningBalancer b = fx.balancer();
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        MockMonolith m3 = fx.monolith();
        b.connect(m1, m2, m3);
        Map<String, String> roomOfToken = new HashMap<>();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            List<Future<?>> joins = new ArrayList<>();
            for (int i = 0; i < 500; i++) {
                String room = "crowd-" + (i % 50);
                String token = "t-" + i;
                roomOfToken.put(token, room);
                joins.add(pool.submit(() -> {
                    MockClient c = fx.track(MockClient.connect(b.port(), room));
                    c.auth(token);
                    return null;
                }));
            }
            for (Future<?> f : joins) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Map<String, Set<UUID>> monolithsOfRoom = new HashMap<>();
        Set<UUID> clientIds = new HashSet<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (clientIds.size() < 500 && System.nanoTime() < deadline) {
            for (MockMonolith m : List.of(m1, m2, m3)) {
                for (B2M msg : m.unconsumedMessages()) {
                    if (msg instanceof B2M.Join) {
                        B2M.Join join = m.awaitMessage(B2M.Join.class, Duration.ofMillis(1));
                        assertEquals(roomOfToken.get(join.token()), join.room().value(), "join carries the client's room");
                        clientIds.add(join.client());
                        monolithsOfRoom.computeIfAbsent(join.room().value(), r -> new HashSet<>()).add(m.id());
                    }
                }
            }
            Eventually.pauseFor(Duration.ofMillis(20));
        }

        assertEquals(500, clientIds.size(), "distinct clients joined");
        assertEquals(50, monolithsOfRoom.size());
        monolithsOfRoom.forEach((room, owners) -> assertEquals(1, owners.size(), room + " was split over " + owners));
    }

    @Test
    void monolithSendingGarbageKeepsItsLinkAndEveryoneElseKeepsWorking() {
        RunningBalancer b = fx.balancer();
        MockMonolith noisy = fx.monolith();
        MockMonolith quiet = fx.monolith();
        b.connect(noisy, quiet);
        JoinedClient onNoisy = b.join("noisy-room", noisy, quiet);
        MockMonolith noisyOwner = onNoisy.monolith();
        MockMonolith other = noisyOwner == noisy ? quiet : noisy;
        JoinedClient onOther = b.join("other-room", noisy, quiet);

        noisyOwner.sendRaw("definitely not json");
        noisyOwner.sendRaw("{\"type\":\"no_such_type\",\"payload\":{}}");
        noisyOwner.sendRaw("{\"type\":\"unloaded\",\"payload\":{\"name\":\"noisy-room\",\"reason\":\"Bored\"}}");
        noisyOwner.sendRaw("{\"type\":\"kick\",\"payload\":{\"client_id\":\"not-a-uuid\",\"reason\":4005}}");
        noisyOwner.send(M2B.RoomMsg.broadcast(RoomName.of("noisy-room"), RawJson.of("{\"after\":\"garbage\"}")));

        assertEquals("{\"after\":\"garbage\"}", onNoisy.client().awaitText(WAIT));
        assertEquals(1, noisyOwner.links());
        assertNotEquals(noisyOwner, onOther.monolith());
        other.send(M2B.RoomMsg.broadcast(RoomName.of("other-room"), RawJson.of("{\"fine\":true}")));
        assertEquals("{\"fine\":true}", onOther.client().awaitText(WAIT));
    }

    @Test
    void monolithThatNeverSendsInitGets4000WithoutHoldingUpOthers() {
        RunningBalancer b = fx.balancer(c -> c.withLimits(TestLimits.fast().monolithInitTimeout(Duration.ofMillis(500)).build()));
        MockMonolith silent = fx.monolith(MockMonolith.Options.defaults().withFirstFrame(FirstFrame.NOTHING));
        MockMonolith good = fx.monolith();

        b.discover(silent, good);
        b.awaitRegistered(good);
        b.join("served", silent, good);

        assertEquals(new CloseStatus(4000, "did not send init"), silent.awaitCloseFrame(WAIT));
    }

    @Test
    void slowClientFloodedWithBroadcastsIsDisconnectedWhileANormalClientReceivesEverything() {
        RunningBalancer b = fx.balancer(c -> c.withLimits(TestLimits.fast().clientQueue(128, 1024 * 1024).build()));
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient slow = b.authenticate(b.open(b.clientTo().room("flood").receiveBuffer(4096)), m);
        JoinedClient normal = b.join("flood", m);
        slow.client().stopReading();

        String padding = "p".repeat(8 * 1024);
        int sent = 0;
        boolean slowLeft = false;
        while (sent < 3000 && !slowLeft) {
            m.send(M2B.RoomMsg.broadcast(RoomName.of("flood"), RawJson.of("{\"seq\":" + sent + ",\"pad\":\"" + padding + "\"}")));
            sent++;
            if (sent % 50 == 0) {
                slowLeft = m.unconsumedMessages().contains(new B2M.Leave(slow.id()));
            }
        }

        assertEquals(slow.id(), m.awaitMessage(B2M.Leave.class, l -> l.client().equals(slow.id()), WAIT).client());
        for (int i = 0; i < sent; i++) {
            String text = normal.client().awaitText(WAIT);
            assertTrue(text.startsWith("{\"seq\":" + i + ","), "message " + i + " out of order: " + text.substring(0, 20));
        }
        slow.client().resumeReading();
        assertEquals(1000, slow.client().awaitClose(Duration.ofSeconds(15)).code());
        normal.client().awaitStaysOpen(QUIET);
    }

    @Test
    void halfOpenClientDoesNotBlockOthers() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient stalled = b.join("room", m);
        JoinedClient lively = b.join("room", m);
        stalled.client().stopReading();

        for (int i = 0; i < 20; i++) {
            m.send(M2B.RoomMsg.broadcast(RoomName.of("room"), RawJson.of("{\"n\":" + i + "}")));
        }

        for (int i = 0; i < 20; i++) {
            assertEquals("{\"n\":" + i + "}", lively.client().awaitText(WAIT));
        }
        JoinedClient newcomer = b.join("room", m);
        newcomer.client().sendText("{\"hello\":1}");
        assertEquals(newcomer.id(), m.awaitMessage(B2M.ClientMsg.class, WAIT).clientId());
    }

    @Test
    void garbageHttpRequestDoesNotAffectTheBalancer() {
        RunningBalancer b = fx.balancer();

        try (java.net.Socket s = new java.net.Socket("127.0.0.1", b.port())) {
            s.getOutputStream().write("\u0000\u0001GARBAGE \r\n\r\n\r\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1));
            s.getOutputStream().flush();
        } catch (java.io.IOException ignored) {
            // the balancer may reset the connection; that is fine
        }

        assertEquals("OK", b.http().get("/api/status").body());
        assertEquals(200, RawHttp.exchange(b.port(), WAIT, "GET /api/status HTTP/1.1", "Host: x", "Connection: close").status());
    }

    @Test
    void clientAbandoningTheConnectionBeforeAuthLeavesNoTrace() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);

        b.open("foo").drop();

        m.awaitNoMessage(B2M.Join.class, QUIET);
        m.awaitNoMessage(B2M.Leave.class, QUIET);
        Eventually.await(WAIT, "no clients counted", () -> b.server().metrics().clients() == 0);
    }
}
