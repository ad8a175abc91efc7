package org.ottbalancer.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.http.HttpResponse;
import java.util.Collections;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ottbalancer.agent.support.AgentHttp;
import org.ottbalancer.agent.support.FakeBalancer;
import org.ottbalancer.agent.support.FakeMonolith;
import org.ottbalancer.agent.support.Poll;
import org.ottbalancer.agent.support.TestAgents;
import org.ottbalancer.protocol.agent.AgentDocuments;
import org.ottbalancer.protocol.agent.DrainReport;

class HttpEndpointsTest {
    private static final String TOKEN = "s3cret-drain-token";
    private final FakeMonolith monolith = FakeMonolith.start();
    private MonolithAgent agent;

    @AfterEach
    void stop() {
        if (agent != null) {
            agent.close();
        }
        monolith.close();
    }

    private MonolithAgent withToken() {
        agent = MonolithAgent.start(TestAgents.config(monolith.port()).drainToken(TOKEN).build());
        return agent;
    }

    private void stuckRoom() {
        monolith.honourUnloads(false);
        FakeBalancer.connect(agent.linkPort()).join("stuck");
        Poll.until("room tracked", () -> agent.report().rooms() == 1);
    }

    @Test
    void drainIsRefusedWith403WhenNoTokenIsConfigured() {
        agent = MonolithAgent.start(TestAgents.config(monolith.port()).build());
        HttpResponse<String> response = AgentHttp.post(agent.httpPort(), "/drain", "", "anything");
        assertEquals(403, response.statusCode());
        assertTrue(response.body().contains("no drain token is configured"), response.body());
        assertEquals("idle", agent.drainReport().phase());
    }

    @Test
    void drainWithAWrongOrMissingTokenIs401() {
        withToken();
        assertEquals(401, AgentHttp.post(agent.httpPort(), "/drain", "", "wrong").statusCode());
        HttpResponse<String> missing = AgentHttp.post(agent.httpPort(), "/drain", "", null);
        assertEquals(401, missing.statusCode());
        assertEquals("Bearer", missing.headers().firstValue("www-authenticate").orElse(""));
        assertEquals("idle", agent.drainReport().phase());
    }

    @Test
    void drainWithTheRightTokenIsAcceptedAndASecondRequestReturnsTheRunningDrain() {
        withToken();
        stuckRoom();
        HttpResponse<String> first = AgentHttp.post(agent.httpPort(), "/drain", "{\"deadline_seconds\":5}", TOKEN);
        HttpResponse<String> second = AgentHttp.post(agent.httpPort(), "/drain", "", TOKEN);

        assertEquals(202, first.statusCode());
        assertEquals(202, second.statusCode());
        DrainReport a = AgentDocuments.parseDrainReport(first.body());
        DrainReport b = AgentDocuments.parseDrainReport(second.body());
        assertEquals("running", a.phase());
        assertEquals(a.startedAt(), b.startedAt());
    }

    @Test
    void getDrainShowsProgressWithoutAToken() {
        withToken();
        assertEquals("idle", AgentDocuments.parseDrainReport(AgentHttp.get(agent.httpPort(), "/drain").body()).phase());
        stuckRoom();
        AgentHttp.post(agent.httpPort(), "/drain", "", TOKEN);
        DrainReport running = AgentDocuments.parseDrainReport(AgentHttp.get(agent.httpPort(), "/drain").body());
        assertEquals("running", running.phase());
        assertEquals(1, running.roomsAtStart());
        assertEquals(1, running.roomsRemaining());

        monolith.honourUnloads(true);
        Poll.until("drain done", () -> AgentDocuments.parseDrainReport(AgentHttp.get(agent.httpPort(), "/drain").body())
                .phase().equals("done"));
    }

    @Test
    void anInvalidDrainRequestIs400() {
        withToken();
        HttpResponse<String> response = AgentHttp.post(agent.httpPort(), "/drain", "{\"concurrency\":0}", TOKEN);
        assertEquals(400, response.statusCode());
        assertTrue(response.body().contains("concurrency"), response.body());
    }

    @Test
    void waitingDrainAnswers200WhenDone() {
        withToken();
        FakeBalancer.connect(agent.linkPort()).join("movie");
        Poll.until("room tracked", () -> agent.report().rooms() == 1);

        HttpResponse<String> response = AgentHttp.post(agent.httpPort(), "/drain?wait=true", "", TOKEN);

        assertEquals(200, response.statusCode());
        DrainReport report = AgentDocuments.parseDrainReport(response.body());
        assertEquals("done", report.phase());
        assertEquals(1, report.roomsMoved());
    }

    @Test
    void waitingDrainAnswers500WhenItFails() {
        withToken();
        stuckRoom();
        HttpResponse<String> response = AgentHttp.post(agent.httpPort(), "/drain?wait=true", "{\"deadline_seconds\":0.5}", TOKEN);
        assertEquals(500, response.statusCode());
        assertEquals("failed", AgentDocuments.parseDrainReport(response.body()).phase());
    }

    @Test
    void preStopListenerDrainsWithoutAToken() {
        agent = MonolithAgent.start(TestAgents.config(monolith.port()).build());
        FakeBalancer.connect(agent.linkPort()).join("movie");
        Poll.until("room tracked", () -> agent.report().rooms() == 1);

        HttpResponse<String> response = AgentHttp.post(agent.prestopPort(), "/drain?wait=true", "", null);

        assertEquals(200, response.statusCode());
        assertEquals("done", AgentDocuments.parseDrainReport(response.body()).phase());
        HttpResponse<String> again = AgentHttp.get(agent.prestopPort(), "/drain/wait");
        assertEquals(200, again.statusCode());
        assertEquals(404, AgentHttp.get(agent.prestopPort(), "/report").statusCode());
    }

    @Test
    void preStopListenerIsBoundToLoopbackOnly() throws IOException {
        agent = MonolithAgent.start(TestAgents.config(monolith.port()).build());
        Optional<InetAddress> external = Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                .flatMap(i -> Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof Inet4Address && !a.isLoopbackAddress())
                .findFirst();
        assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address");
        try (Socket s = new Socket()) {
            assertThrows(IOException.class, () -> s.connect(new InetSocketAddress(external.get(), agent.prestopPort()), 2000));
        }
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", agent.prestopPort()), 2000);
        }
    }

    @Test
    void healthzAnswersWhileTheProcessIsUp() {
        agent = MonolithAgent.start(TestAgents.config(monolith.port()).build());
        assertEquals(200, AgentHttp.get(agent.httpPort(), "/healthz").statusCode());
        assertEquals(200, AgentHttp.get(agent.prestopPort(), "/healthz").statusCode());
    }

    @Test
    void readyzFollowsWhetherTheMonolithAcceptsLinks() {
        agent = MonolithAgent.start(TestAgents.config(monolith.port()).build());
        Poll.until("ready", () -> AgentHttp.get(agent.httpPort(), "/readyz").statusCode() == 200);
        monolith.close();
        Poll.until("not ready", () -> AgentHttp.get(agent.httpPort(), "/readyz").statusCode() == 503);
        assertTrue(AgentHttp.get(agent.httpPort(), "/readyz").body().contains("refused"));
    }

    @Test
    void readyzStaysReadyWhileDraining() throws Exception {
        agent = MonolithAgent.start(TestAgents.config(monolith.port()).build());
        agent.drain(org.ottbalancer.protocol.agent.DrainRequest.DEFAULTS).get();
        Poll.until("ready", () -> AgentHttp.get(agent.httpPort(), "/readyz").statusCode() == 200);
    }

    @Test
    void metricsExposeLinksRoomsUsersDrainAndRelayTraffic() throws Exception {
        agent = MonolithAgent.start(TestAgents.config(monolith.port()).build());
        FakeBalancer.connect(agent.linkPort()).join("movie");
        Poll.until("room tracked", () -> agent.report().rooms() == 1);
        agent.drain(org.ottbalancer.protocol.agent.DrainRequest.DEFAULTS).get();

        String metrics = AgentHttp.get(agent.httpPort(), "/metrics").body();

        for (String name : new String[] {"agent_balancer_links ", "agent_rooms ", "agent_users ", "agent_load ",
            "agent_draining 1.0", "agent_drain_rooms_remaining ", "agent_drain_rooms_moved_total 1.0",
            "agent_room_freeze_seconds_count 1", "agent_relay_frames_total{direction=\"to_monolith\"}",
            "agent_relay_bytes_total{direction=\"to_balancer\"}"}) {
            assertTrue(metrics.contains(name), name + " missing from\n" + metrics);
        }
    }

    @Test
    void unknownPathsAre404() {
        agent = MonolithAgent.start(TestAgents.config(monolith.port()).build());
        assertEquals(404, AgentHttp.get(agent.httpPort(), "/nope").statusCode());
        assertEquals(404, AgentHttp.get(agent.httpPort(), "/drain/wait").statusCode(), "only the preStop listener has it");
    }
}
