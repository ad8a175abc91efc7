package org.ottbalancer.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ottbalancer.agent.support.FakeBalancer;
import org.ottbalancer.agent.support.FakeMonolith;
import org.ottbalancer.agent.support.Poll;
import org.ottbalancer.agent.support.RecordedFrame;
import org.ottbalancer.agent.support.TestAgents;
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.ProtocolCodec;
import org.ottbalancer.protocol.RoomName;
import org.ottbalancer.protocol.UnloadReason;
import org.ottbalancer.protocol.agent.DrainReport;
import org.ottbalancer.protocol.agent.DrainRequest;
import org.ottbalancer.protocol.registry.MonolithState;

class DrainTest {
    private FakeMonolith monolith;
    private MonolithAgent agent;

    @BeforeEach
    void start() {
        monolith = FakeMonolith.start();
        agent = MonolithAgent.start(TestAgents.config(monolith.port()).build());
    }

    @AfterEach
    void stop() {
        agent.close();
        monolith.close();
    }

    private static DrainReport await(CompletableFuture<DrainReport> drain) throws Exception {
        return drain.get(20, TimeUnit.SECONDS);
    }

    private void awaitRooms(int n) {
        Poll.until(n + " room(s) tracked", () -> agent.report().rooms() == n);
    }

    @Test
    void everyLinkIsToldTheMonolithIsDraining() throws Exception {
        FakeBalancer a = FakeBalancer.connect(agent.linkPort());
        FakeBalancer b = FakeBalancer.connect(agent.linkPort());
        Poll.until("both links relayed", () -> agent.report().balancerLinks() == 2);
        a.await(M2B.Gossip.class, g -> true);
        b.await(M2B.Gossip.class, g -> true);

        DrainReport report = await(agent.drain(DrainRequest.DEFAULTS));

        assertEquals("done", report.phase());
        a.await(M2B.Status.class, s -> s.state() == MonolithState.DRAINING);
        b.await(M2B.Status.class, s -> s.state() == MonolithState.DRAINING);
        assertEquals(MonolithState.DRAINING, agent.report().state());
    }

    @Test
    void aLinkThatConnectsLaterIsToldRightAfterTheMonolithsInit() throws Exception {
        FakeBalancer.connect(agent.linkPort()).await(M2B.Gossip.class, g -> true);
        await(agent.drain(DrainRequest.DEFAULTS));

        FakeBalancer late = FakeBalancer.connect(agent.linkPort());

        late.await(M2B.Status.class, s -> s.state() == MonolithState.DRAINING);
        assertTrue(late.messages.get(0) instanceof M2B.Init);
        assertTrue(late.messages.get(1) instanceof M2B.Status);
    }

    @Test
    void aQuietRoomIsFrozenOnEveryLinkThenUnloaded() throws Exception {
        FakeBalancer a = FakeBalancer.connect(agent.linkPort());
        FakeBalancer b = FakeBalancer.connect(agent.linkPort());
        a.await(M2B.Gossip.class, g -> true);
        b.await(M2B.Gossip.class, g -> true);
        UUID client = a.join("movie");
        awaitRooms(1);
        b.await(M2B.Loaded.class, l -> l.room().name().value().equals("movie"));

        DrainReport report = await(agent.drain(DrainRequest.DEFAULTS));

        assertEquals("done", report.phase());
        assertEquals(1, report.roomsAtStart());
        assertEquals(1, report.roomsMoved());
        assertEquals(0, report.roomsRemaining());
        M2B.Freeze freeze = a.await(M2B.Freeze.class, f -> f.room().value().equals("movie"));
        b.await(M2B.Freeze.class, f -> f.room().value().equals("movie"));
        assertTrue(freeze.deadlineMillis() > TestAgents.SETTLE.toMillis());
        assertEquals(List.of(RoomName.of("movie")), monolith.unloadsReceived());
        a.await(M2B.Kick.class, k -> k.clientId().equals(client) && k.reason() == 1001);
        a.await(M2B.Unloaded.class, u -> u.reason() == UnloadReason.Commanded);
        assertEquals(0, agent.report().rooms());
    }

    @Test
    void aBusyRoomIsUnloadedOnlyOnceItHadNoClientMessageForTheSettleTime() throws Exception {
        FakeBalancer balancer = FakeBalancer.connect(agent.linkPort());
        UUID chatter = balancer.join("busy");
        balancer.join("quiet");
        awaitRooms(2);
        FakeMonolith.Link link = monolith.openLinks().get(0);
        balancer.chat(chatter, "warming up");
        Poll.until("the first chat reached the monolith", () -> countClientMsgs(link) == 1);

        CompletableFuture<DrainReport> drain = agent.drain(DrainRequest.DEFAULTS);
        // Messages already in flight when the freeze was sent (this fake balancer ignores freezes).
        long chatUntil = System.nanoTime() + Duration.ofMillis(400).toNanos();
        int i = 0;
        while (System.nanoTime() < chatUntil) {
            balancer.chat(chatter, "in flight " + i++);
            Thread.sleep(30);
        }
        DrainReport report = await(drain);

        assertEquals("done", report.phase());
        assertEquals(2, report.roomsMoved());
        long lastChat = lastClientMsgArrival(link);
        long quietUnload = unloadArrival(link, "quiet");
        long busyUnload = unloadArrival(link, "busy");
        assertTrue(quietUnload < lastChat, "the quiet room moved at once, while the busy one was still chatting");
        assertTrue(busyUnload - lastChat >= TestAgents.SETTLE.toNanos() - Duration.ofMillis(100).toNanos(),
                "the busy room was unloaded " + Duration.ofNanos(busyUnload - lastChat) + " after its last message");
    }

    @Test
    void roomsLoadedDuringTheDrainAreDrainedToo() throws Exception {
        FakeBalancer balancer = FakeBalancer.connect(agent.linkPort());
        monolith.honourUnloads(false);
        balancer.join("first");
        awaitRooms(1);
        CompletableFuture<DrainReport> drain = agent.drain(DrainRequest.DEFAULTS);
        Poll.until("first unload asked", () -> monolith.unloadsReceived().contains(RoomName.of("first")));

        monolith.load("late");
        monolith.honourUnloads(true);

        DrainReport report = await(drain);
        assertEquals("done", report.phase());
        assertTrue(monolith.unloadsReceived().contains(RoomName.of("late")));
        assertEquals(List.of(), monolith.rooms());
    }

    @Test
    void aRoomWhoseUnloadedDoesNotComeIsUnfrozenAndTriedAgain() throws Exception {
        FakeBalancer balancer = FakeBalancer.connect(agent.linkPort());
        monolith.honourUnloads(false);
        balancer.join("stuck");
        awaitRooms(1);
        CompletableFuture<DrainReport> drain = agent.drain(DrainRequest.DEFAULTS);

        balancer.await(M2B.Unfreeze.class, u -> u.room().value().equals("stuck"));
        monolith.honourUnloads(true);
        DrainReport report = await(drain);

        assertEquals("done", report.phase());
        assertTrue(monolith.unloadsReceived().size() >= 2, "unload was sent again: " + monolith.unloadsReceived());
        assertTrue(balancer.received(M2B.Freeze.class).size() >= 2, "the room was frozen again");
        assertTrue(report.longestFreezeMillis() >= 1000, "the first freeze lasted the unload timeout");
    }

    @Test
    void aDrainThatMissesItsDeadlineFailsAndUnfreezesItsRooms() throws Exception {
        FakeBalancer balancer = FakeBalancer.connect(agent.linkPort());
        monolith.honourUnloads(false);
        balancer.join("stuck");
        awaitRooms(1);

        DrainReport report = await(agent.drain(new DrainRequest(0.6, null, null)));

        assertEquals("failed", report.phase());
        assertEquals(1, report.roomsRemaining());
        assertNotNull(report.finishedAt());
        assertTrue(report.error().contains("stuck"), report.error());
        balancer.await(M2B.Unfreeze.class, u -> u.room().value().equals("stuck"));
        assertEquals("failed", agent.report().drain().phase());
        assertEquals("serving", agent.report().roomList().get(0).phase());
    }

    @Test
    void aSecondDrainRequestJoinsTheRunningDrain() throws Exception {
        FakeBalancer balancer = FakeBalancer.connect(agent.linkPort());
        monolith.honourUnloads(false);
        balancer.join("stuck");
        awaitRooms(1);

        CompletableFuture<DrainReport> first = agent.drain(new DrainRequest(1.0, null, null));
        CompletableFuture<DrainReport> second = agent.drain(new DrainRequest(60.0, null, null));

        assertTrue(first == second);
        assertEquals("failed", await(first).phase());
    }

    @Test
    void roomPhasesShowFrozenAndUnloadingRoomsInTheReport() {
        FakeBalancer balancer = FakeBalancer.connect(agent.linkPort());
        monolith.honourUnloads(false);
        balancer.join("stuck");
        awaitRooms(1);
        agent.drain(DrainRequest.DEFAULTS);
        Poll.until("the room is unloading", () -> agent.report().roomList().get(0).phase().equals("unloading"));
        assertEquals("running", agent.report().drain().phase());
    }

    @Test
    void aBalancerThatConnectsDuringTheDrainIsToldWhichRoomsAreFrozen() {
        FakeBalancer first = FakeBalancer.connect(agent.linkPort());
        monolith.honourUnloads(false);
        first.join("stuck");
        awaitRooms(1);
        agent.drain(DrainRequest.DEFAULTS);
        first.await(M2B.Freeze.class, f -> true);

        FakeBalancer late = FakeBalancer.connect(agent.linkPort());

        late.await(M2B.Freeze.class, f -> f.room().value().equals("stuck"));
        assertTrue(late.messages.get(1) instanceof M2B.Status);
        assertTrue(late.messages.get(2) instanceof M2B.Freeze);
    }

    @Test
    void withoutABalancerLinkTheAgentOpensAControlLinkForGossipAndUnloads() throws Exception {
        monolith.load("orphan");

        DrainReport report = await(agent.drain(DrainRequest.DEFAULTS));

        assertEquals("done", report.phase());
        assertEquals(1, report.roomsMoved());
        assertEquals(List.of(RoomName.of("orphan")), monolith.unloadsReceived());
        FakeMonolith.Link control = monolith.allLinks().get(0);
        assertTrue(control.messages.get(0) instanceof B2M.Init, "the control link introduces itself first");
        Poll.until("the control link is closed after the drain", () -> monolith.openLinks().isEmpty());
    }

    @Test
    void closeDrainsBeforeStopping() {
        try (FakeMonolith own = FakeMonolith.start()) {
            MonolithAgent draining = MonolithAgent.start(TestAgents.config(own.port()).drainOnShutdown(true).build());
            FakeBalancer balancer = FakeBalancer.connect(draining.linkPort());
            balancer.join("movie");
            Poll.until("room tracked", () -> draining.report().rooms() == 1);

            draining.close();

            assertEquals(List.of(RoomName.of("movie")), own.unloadsReceived());
            assertEquals(1, balancer.received(M2B.Status.class).stream()
                    .filter(st -> st.state() == org.ottbalancer.protocol.registry.MonolithState.DRAINING).count());
            assertEquals(1, balancer.received(M2B.Freeze.class).size());
            assertEquals("done", draining.drainReport().phase());
            balancer.awaitClosed();
        }
    }

    private static int countClientMsgs(FakeMonolith.Link link) {
        return (int) link.messages.stream().filter(m -> m instanceof B2M.ClientMsg).count();
    }

    private static long lastClientMsgArrival(FakeMonolith.Link link) {
        long last = Long.MIN_VALUE;
        for (RecordedFrame f : link.frames) {
            if (decode(f) instanceof B2M.ClientMsg) {
                last = Math.max(last, f.atNanos());
            }
        }
        return last;
    }

    private static long unloadArrival(FakeMonolith.Link link, String room) {
        for (RecordedFrame f : link.frames) {
            if (decode(f) instanceof B2M.Unload u && u.room().value().equals(room)) {
                return f.atNanos();
            }
        }
        throw new AssertionError("no unload for " + room);
    }

    private static B2M decode(RecordedFrame f) {
        try {
            return ProtocolCodec.decodeB2M(f.bytes());
        } catch (RuntimeException e) {
            return null;
        }
    }
}
