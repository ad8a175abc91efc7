package org.ottbalancer.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ottbalancer.agent.support.AgentHttp;
import org.ottbalancer.agent.support.FakeBalancer;
import org.ottbalancer.agent.support.FakeMonolith;
import org.ottbalancer.agent.support.Poll;
import org.ottbalancer.agent.support.TestAgents;
import org.ottbalancer.agent.tracking.LoadScore;
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.agent.AgentDocuments;
import org.ottbalancer.protocol.agent.AgentReport;
import org.ottbalancer.protocol.agent.RoomReport;
import org.ottbalancer.protocol.registry.MonolithState;

class TrackingReportTest {
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

    private RoomReport room(String name) {
        return agent.report().roomList().stream().filter(r -> r.name().equals(name)).findFirst().orElse(null);
    }

    @Test
    void reportNamesTheMonolithOnceALinkCompletedItsHandshake() {
        FakeBalancer.connect(agent.linkPort());
        Poll.until("monolith id known", () -> monolith.id.toString().equals(agent.report().monolithId()));
        AgentReport report = agent.report();
        assertEquals("test-region", report.region());
        assertEquals(1, report.balancerLinks());
        assertEquals(MonolithState.ACTIVE, report.state());
        assertEquals(AgentReport.CURRENT_VERSION, report.version());
        assertEquals("idle", report.drain().phase());
    }

    @Test
    void joinsAddClientsToTheirRoomAndLoadedAddsTheRoom() {
        FakeBalancer balancer = FakeBalancer.connect(agent.linkPort());
        balancer.join("movie");
        balancer.join("movie");
        balancer.join("quiz");
        Poll.until("three users in two rooms", () -> agent.report().users() == 3 && agent.report().rooms() == 2);
        assertEquals(2, room("movie").clients());
        assertEquals(1, room("quiz").clients());
        assertEquals("movie", agent.report().roomList().get(0).name(), "busiest room first");
        assertNotNull(room("movie").loadEpoch());
    }

    @Test
    void clientMessagesCountTowardsTheirRoomsActivity() {
        FakeBalancer balancer = FakeBalancer.connect(agent.linkPort());
        UUID client = balancer.join("movie");
        for (int i = 0; i < 6; i++) {
            balancer.chat(client, "hello " + i);
        }
        Poll.until("six messages in a minute", () -> room("movie") != null && room("movie").messagesPerSecond() >= 0.1);
        assertEquals(0.1, room("movie").messagesPerSecond(), 1e-9);
        assertNotNull(room("movie").lastClientMessage());
        AgentReport report = agent.report();
        assertEquals(LoadScore.of(1, 1, 0.1), report.load(), 1e-3);
    }

    @Test
    void leaveAndKickRemoveClients() {
        FakeBalancer balancer = FakeBalancer.connect(agent.linkPort());
        UUID a = balancer.join("movie");
        UUID b = balancer.join("movie");
        Poll.until("two users", () -> agent.report().users() == 2);
        balancer.send(new B2M.Leave(a));
        Poll.until("one user after leave", () -> agent.report().users() == 1);
        FakeMonolith.Link link = monolith.openLinks().get(0);
        monolith.send(link, new M2B.Kick(b, 4003));
        Poll.until("no user after kick", () -> agent.report().users() == 0);
        assertEquals(1, agent.report().rooms(), "the room stays until the monolith unloads it");
    }

    @Test
    void unloadedRemovesTheRoomAndItsClients() {
        FakeBalancer balancer = FakeBalancer.connect(agent.linkPort());
        balancer.join("movie");
        balancer.join("quiz");
        Poll.until("two rooms", () -> agent.report().rooms() == 2);
        monolith.unloadOnItsOwn("movie");
        Poll.until("one room", () -> agent.report().rooms() == 1);
        assertEquals(1, agent.report().users());
        assertEquals("quiz", agent.report().roomList().get(0).name());
    }

    @Test
    void gossipReplacesTheWholeRoomSet() {
        FakeBalancer balancer = FakeBalancer.connect(agent.linkPort());
        balancer.join("movie");
        monolith.load("quiz");
        Poll.until("two rooms", () -> agent.report().rooms() == 2);
        monolith.forgetSilently("movie");
        monolith.load("karaoke");
        monolith.gossip();
        Poll.until("gossip applied", () -> room("movie") == null && agent.report().rooms() == 2);
        assertEquals(List.of("karaoke", "quiz"), agent.report().roomList().stream().map(RoomReport::name).sorted().toList());
        assertEquals(0, agent.report().users(), "clients of a room that is gone are gone");
    }

    @Test
    void closingALinkForgetsItsClients() {
        FakeBalancer a = FakeBalancer.connect(agent.linkPort());
        FakeBalancer b = FakeBalancer.connect(agent.linkPort());
        a.join("movie");
        b.join("movie");
        Poll.until("two users", () -> agent.report().users() == 2);
        a.close();
        Poll.until("one user", () -> agent.report().users() == 1);
    }

    @Test
    void reportIsServedOverHttp() {
        FakeBalancer balancer = FakeBalancer.connect(agent.linkPort());
        balancer.join("movie");
        Poll.until("one room", () -> agent.report().rooms() == 1);
        HttpResponse<String> response = AgentHttp.get(agent.httpPort(), "/report");
        assertEquals(200, response.statusCode());
        assertTrue(response.headers().firstValue("content-type").orElse("").startsWith("application/json"));
        AgentReport report = AgentDocuments.parseReport(response.body());
        assertEquals(1, report.rooms());
        assertEquals("serving", report.roomList().get(0).phase());
        assertNotNull(report.generatedAt());
        assertNotNull(report.startedAt());
    }
}
