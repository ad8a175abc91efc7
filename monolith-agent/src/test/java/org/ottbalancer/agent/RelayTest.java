package org.ottbalancer.agent;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
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

class RelayTest {
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

    private FakeMonolith.Link linkOf(FakeBalancer balancer) {
        return Poll.value("the monolith link of " + balancer.id, () -> {
            for (FakeMonolith.Link l : monolith.openLinks()) {
                if (balancer.id.equals(l.balancerId)) {
                    return l;
                }
            }
            return null;
        });
    }

    @Test
    void framesFromTheBalancerReachTheMonolithByteForByte() {
        FakeBalancer balancer = FakeBalancer.connect(agent.linkPort());
        FakeMonolith.Link link = linkOf(balancer);
        byte[] oddJson = "{ \"payload\" : {\"client_id\":\"x\"},  \"type\":\"client_msg\" ,\"extra\":[1,2.50,\"\\u00e9\"]}"
                .getBytes(StandardCharsets.UTF_8);
        byte[] big = bigJson(1024 * 1024);
        byte[] binary = new byte[70_000];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 31);
        }
        balancer.sendRaw(false, oddJson);
        balancer.sendRaw(false, big);
        balancer.sendRaw(true, binary);

        Poll.until("three frames after init at the monolith", () -> link.frames.size() >= 4);
        List<RecordedFrame> got = link.frames.subList(1, 4);
        assertArrayEquals(oddJson, got.get(0).bytes());
        assertFalse(got.get(0).binary());
        assertArrayEquals(big, got.get(1).bytes());
        assertArrayEquals(binary, got.get(2).bytes());
        assertTrue(got.get(2).binary());
    }

    @Test
    void framesFromTheMonolithReachTheBalancerByteForByte() {
        FakeBalancer balancer = FakeBalancer.connect(agent.linkPort());
        FakeMonolith.Link link = linkOf(balancer);
        // init, the agent's ext_status announcement, gossip
        Poll.until("init, announcement and gossip relayed", () -> balancer.frames.size() >= 3);
        byte[] roomMsg = ("{\"type\":\"room_msg\",\"payload\":{\"room\":\"foo\",\"payload\":{\"action\":\"chat\",\"text\":\"hé  \"}}}")
                .getBytes(StandardCharsets.UTF_8);
        byte[] big = bigJson(1024 * 1024);
        byte[] binary = "{\"type\":\"kick\",\"payload\":{\"client_id\":\"0d7c4f0e-5a11-4b6e-9a51-2d0c1f3e7a90\",\"reason\":4003}}"
                .getBytes(StandardCharsets.UTF_8);
        monolith.sendRaw(link, false, roomMsg);
        monolith.sendRaw(link, false, big);
        monolith.sendRaw(link, true, binary);

        Poll.until("three more frames at the balancer", () -> balancer.frames.size() >= 6);
        List<RecordedFrame> got = balancer.frames.subList(3, 6);
        assertArrayEquals(roomMsg, got.get(0).bytes());
        assertArrayEquals(big, got.get(1).bytes());
        assertArrayEquals(binary, got.get(2).bytes());
        assertTrue(got.get(2).binary());
    }

    @Test
    void everyLinkIsToldRightAfterInitThatAnAgentSitsOnItAndTheMonolithIsActive() {
        FakeBalancer balancer = FakeBalancer.connect(agent.linkPort());
        Poll.until("announcement relayed", () -> !balancer.received(M2B.Status.class).isEmpty());
        assertEquals(new M2B.Status(org.ottbalancer.protocol.registry.MonolithState.ACTIVE),
                balancer.received(M2B.Status.class).get(0));
    }

    @Test
    void theMonolithsInitAndGossipReachTheBalancerFirst() {
        FakeBalancer balancer = FakeBalancer.connect(agent.linkPort());
        M2B.Init init = balancer.await(M2B.Init.class, m -> true);
        assertEquals(monolith.id, init.id());
        balancer.await(M2B.Gossip.class, m -> true);
        assertTrue(balancer.messages.get(0) instanceof M2B.Init);
    }

    @Test
    void eachBalancerLinkGetsItsOwnMonolithLink() {
        FakeBalancer a = FakeBalancer.connect(agent.linkPort());
        FakeBalancer b = FakeBalancer.connect(agent.linkPort());
        linkOf(a);
        linkOf(b);
        assertEquals(2, monolith.openLinks().size());
        Set<UUID> ids = monolith.openLinks().stream().map(l -> l.balancerId).collect(Collectors.toSet());
        assertEquals(Set.of(a.id, b.id), ids);
        for (FakeMonolith.Link l : monolith.openLinks()) {
            assertTrue(l.messages.get(0) instanceof B2M.Init, "init is the first frame on every monolith link");
        }
    }

    @Test
    void anyPathOfTheLinkPortIsRelayed() {
        FakeBalancer balancer = FakeBalancer.connectRaw(agent.linkPort(), "/some/other/path");
        balancer.await(M2B.Init.class, m -> m.id().equals(monolith.id));
    }

    @Test
    void balancerLinkIsClosedWhenTheMonolithCannotBeReached() throws Exception {
        int unusedPort;
        try (ServerSocket s = new ServerSocket(0)) {
            unusedPort = s.getLocalPort();
        }
        try (MonolithAgent orphan = MonolithAgent.start(TestAgents.config(unusedPort).build())) {
            FakeBalancer balancer = FakeBalancer.connectRaw(orphan.linkPort(), "/");
            balancer.awaitClosed();
            assertTrue(balancer.messages.isEmpty());
        }
    }

    @Test
    void monolithLinkIsClosedWhenTheBalancerLinkCloses() {
        FakeBalancer balancer = FakeBalancer.connect(agent.linkPort());
        FakeMonolith.Link link = linkOf(balancer);
        balancer.close();
        Poll.until("the monolith link closed", () -> !link.channel.isActive());
        Poll.until("the report counts no link", () -> agent.report().balancerLinks() == 0);
    }

    @Test
    void balancerLinkIsClosedWhenTheMonolithLinkCloses() {
        FakeBalancer balancer = FakeBalancer.connect(agent.linkPort());
        FakeMonolith.Link link = linkOf(balancer);
        link.channel.close();
        balancer.awaitClosed();
    }

    @Test
    void aCloseFrameFromTheMonolithReachesTheBalancerWithItsCode() {
        FakeBalancer balancer = FakeBalancer.connect(agent.linkPort());
        FakeMonolith.Link link = linkOf(balancer);
        link.channel.writeAndFlush(new io.netty.handler.codec.http.websocketx.CloseWebSocketFrame(1001, "Server shutting down"));
        balancer.awaitClosed();
        assertEquals(1001, balancer.closeCode);
    }

    @Test
    void garbageFramesAreRelayedAndDoNotDisturbTracking() {
        FakeBalancer balancer = FakeBalancer.connect(agent.linkPort());
        FakeMonolith.Link link = linkOf(balancer);
        List<byte[]> garbage = List.of("not json".getBytes(StandardCharsets.UTF_8), "[1,2".getBytes(StandardCharsets.UTF_8),
                "{\"type\":42}".getBytes(StandardCharsets.UTF_8),
                "{\"type\":\"join\",\"payload\":{\"room\":\"x\",\"client\":\"not-a-uuid\"}}".getBytes(StandardCharsets.UTF_8),
                "{\"type\":\"client_msg\",\"payload\":[]}".getBytes(StandardCharsets.UTF_8),
                new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        for (int i = 0; i < garbage.size(); i++) {
            // The last one is not UTF-8: only a binary frame may carry it without breaking the WebSocket.
            boolean binary = i == garbage.size() - 1;
            balancer.sendRaw(binary, garbage.get(i));
            monolith.sendRaw(link, binary, garbage.get(i));
        }
        balancer.join("after-garbage");
        Poll.until("the room after the garbage is reported",
                () -> agent.report().roomList().stream().anyMatch(r -> r.name().equals("after-garbage") && r.clients() == 1));
        Poll.until("all garbage relayed to the monolith", () -> link.frames.size() >= 1 + garbage.size());
        Poll.until("all garbage relayed to the balancer", () -> balancer.frames.size() >= 2 + garbage.size());
        for (int i = 0; i < garbage.size(); i++) {
            assertArrayEquals(garbage.get(i), link.frames.get(1 + i).bytes());
        }
        assertTrue(balancer.frames.stream().anyMatch(f -> Arrays.equals(f.bytes(), garbage.get(5))));
    }

    private static byte[] bigJson(int size) {
        StringBuilder sb = new StringBuilder(size + 100);
        sb.append("{\"type\":\"room_msg\",\"payload\":{\"room\":\"big\",\"payload\":\"");
        while (sb.length() < size) {
            sb.append("abcdefghijklmnopqrstuvwxyz0123456789");
        }
        sb.append("\"}}");
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }
}
