package org.ottbalancer.e2e.transparency;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ottbalancer.e2e.support.LinkClient;
import org.ottbalancer.monolith.SampleMonolith;
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.RoomName;
import org.ottbalancer.protocol.Visibility;

/**
 * The monolith agent is a transparent relay: every protocol scenario played against a real sample
 * monolith gives the balancer end of the link the same transcript whether it dials the monolith's
 * balancing port or an agent in front of it. The only addition allowed is the agent's extension
 * stream, which upstream balancers ignore: exactly one {@code ext_status active} right after the
 * monolith's {@code init} (no drain runs here, so no {@code ext_freeze}/{@code ext_unfreeze}).
 *
 * <p>Each test plays its scenario twice (direct, then through an agent, each on fresh monoliths),
 * states the expected behaviour in both runs, and compares the normalised transcripts.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class AgentTransparencyIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration WAIT = Stage.WAIT;
    private static final String EXT_STATUS_ACTIVE = "{\"type\":\"ext_status\",\"payload\":{\"state\":\"active\"}}";
    private static EventLoopGroup group;

    @BeforeAll
    static void startClients() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopClients() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }

    // ------------------------------------------------------------------ handshake

    @Test
    void theMonolithSpeaksFirstAndGossipsOnlyAfterTheBalancersInit() throws Exception {
        bothWays(s -> {
            SampleMonolith m = s.monolith();
            s.room(m, "lobby");
            LinkClient link = s.rawLink(m);
            link.awaitText("\"type\":\"init\"", WAIT);
            assertNothingMoreWithin(link, Duration.ofMillis(150), "before the balancer's init");
            link.send(new B2M.Init(java.util.UUID.randomUUID()));
            link.awaitText("\"type\":\"gossip\"", WAIT);
            assertEquals(List.of("init", "gossip lobby:0"), Summary.of(link));
        });
    }

    @Test
    void aBalancerThatSendsNoInitIsClosedWith1002AfterTheMonolithsTimeout() throws Exception {
        bothWays(s -> {
            SampleMonolith m = s.monolith(Stage.config().withBalancerInitTimeout(Duration.ofMillis(300)), false);
            LinkClient link = s.rawLink(m);
            link.await("the end of the link", WAIT, f -> f.kind() == LinkClient.Kind.END);
            assertEquals(List.of("init", "close 1002", "end"), Summary.of(link));
            LinkClient.Frame close = link.await("close", WAIT, f -> f.kind() == LinkClient.Kind.CLOSE);
            assertEquals("Balancer did not send init message", close.text());
        });
    }

    @Test
    void messagesBeforeTheBalancersInitAreIgnored() throws Exception {
        bothWays(s -> {
            SampleMonolith m = s.monolith();
            s.room(m, "lobby");
            LinkClient link = s.rawLink(m);
            link.awaitText("\"type\":\"init\"", WAIT);
            link.send(new B2M.Join(RoomName.of("lobby"), Stage.client(1), s.token()));
            link.send(new B2M.Init(java.util.UUID.randomUUID()));
            link.awaitText("\"type\":\"gossip\"", WAIT);
            assertNothingMoreWithin(link, Duration.ofMillis(150), "after the handshake");
            assertEquals(List.of("init", "gossip lobby:0"), Summary.of(link));
        });
    }

    // ------------------------------------------------------------------ joining

    @Test
    void aJoinerIsGreetedWithSyncUserInitAndYouAndTheRoomHearsOfIt() throws Exception {
        bothWays(s -> {
            SampleMonolith m = s.monolith();
            s.room(m, "lobby");
            LinkClient a = s.link(m);
            LinkClient b = s.link(m);
            s.join(a, "lobby", Stage.client(1));
            s.join(b, "lobby", Stage.client(2));
            assertEquals(List.of("sync to c1", "user init to c1", "you to c1", "user add to all", "user add to all"),
                    Summary.afterHandshake(a));
            assertEquals(List.of("sync to c2", "user init to c2", "you to c2", "user add to all"),
                    Summary.afterHandshake(b));
        });
    }

    @Test
    void aJoinWithAnUnknownTokenIsKickedWith4004() throws Exception {
        bothWays(s -> {
            SampleMonolith m = s.monolith();
            s.room(m, "lobby");
            LinkClient link = s.link(m);
            link.send(new B2M.Join(RoomName.of("lobby"), Stage.client(1), "no-such-token"));
            link.awaitText("\"type\":\"kick\"", WAIT);
            assertEquals(List.of("kick c1 4004"), Summary.afterHandshake(link));
        });
    }

    @Test
    void aJoinForAnUnknownRoomIsKickedWith4002() throws Exception {
        bothWays(s -> {
            SampleMonolith m = s.monolith();
            LinkClient link = s.link(m);
            link.send(new B2M.Join(RoomName.of("nowhere"), Stage.client(1), s.token()));
            link.awaitText("\"type\":\"kick\"", WAIT);
            assertEquals(List.of("kick c1 4002"), Summary.afterHandshake(link));
        });
    }

    // ------------------------------------------------------------------ room traffic

    @Test
    void chatIsBroadcastOnceToEachLinkWithClientsInTheRoomAndToNoOtherLink() throws Exception {
        bothWays(s -> {
            SampleMonolith m = s.monolith();
            s.room(m, "lobby");
            LinkClient a = s.link(m);
            LinkClient b = s.link(m);
            LinkClient idle = s.link(m);
            s.join(a, "lobby", Stage.client(1));
            s.join(a, "lobby", Stage.client(2));
            s.join(b, "lobby", Stage.client(3));
            a.send(new B2M.ClientMsg(Stage.client(1), raw("{\"action\":\"req\",\"request\":{\"type\":11,\"text\":\"hello\"}}")));
            a.awaitText("\"action\":\"chat\"", WAIT);
            b.awaitText("\"action\":\"chat\"", WAIT);
            assertEquals(1, Summary.of(a).stream().filter("chat to all"::equals).count(), "chat room_msgs on link a");
            assertEquals(1, Summary.of(b).stream().filter("chat to all"::equals).count(), "chat room_msgs on link b");
            assertEquals(List.of(), Summary.afterHandshake(idle), "the link without clients hears nothing");
        });
    }

    @Test
    void answersMeantForOneClientAreTargetedAtIt() throws Exception {
        bothWays(s -> {
            SampleMonolith m = s.monolith();
            s.room(m, "lobby");
            LinkClient a = s.link(m);
            LinkClient b = s.link(m);
            s.join(a, "lobby", Stage.client(1));
            s.join(b, "lobby", Stage.client(2));
            a.send(new B2M.ClientMsg(Stage.client(1), raw("{\"action\":\"status\"}")));
            a.send(new B2M.ClientMsg(Stage.client(1), raw("{\"action\":\"no-such-action\"}")));
            a.awaitText("\"action\":\"error\"", WAIT);
            List<String> onA = Summary.afterHandshake(a);
            assertEquals(List.of("sync to c1", "error to c1"), onA.subList(onA.size() - 2, onA.size()));
            assertEquals(List.of("sync to c2", "user init to c2", "you to c2", "user add to all"), Summary.afterHandshake(b));
        });
    }

    @Test
    void aLeaveIsBroadcastAsAUserRemoval() throws Exception {
        bothWays(s -> {
            SampleMonolith m = s.monolith();
            s.room(m, "lobby");
            LinkClient a = s.link(m);
            LinkClient b = s.link(m);
            s.join(a, "lobby", Stage.client(1));
            s.join(b, "lobby", Stage.client(2));
            a.send(new B2M.Leave(Stage.client(1)));
            b.awaitText("\"kind\":\"remove\"", WAIT);
            assertEquals("user remove to all", last(Summary.afterHandshake(b)));
        });
    }

    @Test
    void kickmeIsAnsweredWithAKickCarryingTheRequestedCode() throws Exception {
        bothWays(s -> {
            SampleMonolith m = s.monolith();
            s.room(m, "lobby");
            LinkClient a = s.link(m);
            LinkClient b = s.link(m);
            s.join(a, "lobby", Stage.client(1));
            s.join(b, "lobby", Stage.client(2));
            a.send(new B2M.ClientMsg(Stage.client(1), raw("{\"action\":\"kickme\",\"reason\":4005}")));
            a.awaitText("\"type\":\"kick\"", WAIT);
            b.awaitText("\"kind\":\"remove\"", WAIT);
            assertTrue(Summary.afterHandshake(a).contains("kick c1 4005"), () -> "link a: " + Summary.of(a));
            assertEquals("user remove to all", last(Summary.afterHandshake(b)));
        });
    }

    @Test
    void aCommandedUnloadKicksEveryClientWith1001ThenReportsUnloadedCommanded() throws Exception {
        bothWays(s -> {
            SampleMonolith m = s.monolith();
            s.room(m, "lobby");
            LinkClient a = s.link(m);
            LinkClient b = s.link(m);
            s.join(a, "lobby", Stage.client(1));
            s.join(b, "lobby", Stage.client(2));
            a.send(new B2M.Unload(RoomName.of("lobby")));
            a.awaitText("\"type\":\"unloaded\"", WAIT);
            b.awaitText("\"type\":\"unloaded\"", WAIT);
            List<String> onA = Summary.afterHandshake(a);
            List<String> onB = Summary.afterHandshake(b);
            assertEquals(List.of("kick c1 1001", "unloaded lobby Commanded"), onA.subList(onA.size() - 2, onA.size()));
            assertEquals(List.of("kick c2 1001", "unloaded lobby Commanded"), onB.subList(onB.size() - 2, onB.size()));
        });
    }

    @Test
    void whenALinkClosesItsClientsLeaveForTheOtherLinks() throws Exception {
        bothWays(s -> {
            SampleMonolith m = s.monolith();
            s.room(m, "lobby");
            LinkClient a = s.link(m);
            LinkClient b = s.link(m);
            s.join(a, "lobby", Stage.client(1));
            s.join(b, "lobby", Stage.client(2));
            a.drop();
            b.awaitText("\"kind\":\"remove\"", WAIT);
            assertEquals("user remove to all", last(Summary.afterHandshake(b)));
        });
    }

    @Test
    void gossipListsEveryRoomWithItsMetadataUsersAndEpoch() throws Exception {
        bothWays(s -> {
            SampleMonolith m = s.monolith();
            s.room(m, "lobby");
            assertTrue(m.createRoom("backstage", Visibility.UNLISTED).join());
            LinkClient a = s.link(m);
            s.join(a, "lobby", Stage.client(1));
            LinkClient late = s.link(m);
            List<String> gossip = Summary.of(late).stream().filter(l -> l.startsWith("gossip")).toList();
            assertEquals(1, gossip.size());
            assertTrue(gossip.get(0).contains("lobby:1") && gossip.get(0).contains("backstage:0"), gossip.get(0));
        });
    }

    // ------------------------------------------------------------------ frames

    @Test
    void aPingIsAnsweredWithAPongCarryingTheSamePayload() throws Exception {
        Stage.Scenario scenario = s -> {
            SampleMonolith m = s.monolith(Stage.config(), true);
            LinkClient link = s.link(m);
            link.ping("are you there".getBytes(StandardCharsets.UTF_8));
            link.await("pong", WAIT, f -> f.kind() == LinkClient.Kind.PONG);
            assertEquals(List.of("pong are you there"), Summary.afterHandshake(link));
        };
        Stage.Run direct = Stage.play(Stage.Path.DIRECT, group, scenario);
        Stage.Run agent = Stage.play(Stage.Path.AGENT, group, scenario);
        assertTransparent(direct, agent);
        // Pings are per hop: the agent answers the balancer's ping itself, as any WebSocket proxy does.
        assertEquals(List.of("text", "ping"), direct.framesToMonolith().get(0));
        assertEquals(List.of("text"), agent.framesToMonolith().get(0));
    }

    @Test
    void aOneMebibyteClientMessageIsRelayedIntactBothWays() throws Exception {
        String blob = "0123456789abcdef".repeat(65_536);
        bothWays(s -> {
            SampleMonolith m = s.monolith(Stage.config().withBench(true), false);
            s.room(m, "lobby");
            LinkClient link = s.link(m);
            s.join(link, "lobby", Stage.client(1));
            link.send(new B2M.ClientMsg(Stage.client(1), raw("{\"action\":\"broadcast\",\"blob\":\"" + blob + "\"}")));
            LinkClient.Frame echoed = link.awaitText("\"action\":\"broadcast\"", WAIT);
            JsonNode payload = JSON.readTree(echoed.text()).path("payload").path("payload");
            assertEquals(blob, payload.path("blob").asText(), "the payload came back changed");
        });
    }

    @Test
    void aBinaryFrameReachesTheMonolithAsABinaryFrame() throws Exception {
        Stage.Scenario scenario = s -> {
            SampleMonolith m = s.monolith(Stage.config(), true);
            s.room(m, "lobby");
            LinkClient link = s.link(m);
            s.join(link, "lobby", Stage.client(1));
            String chat = "{\"type\":\"client_msg\",\"payload\":{\"client_id\":\"" + Stage.client(1)
                    + "\",\"payload\":{\"action\":\"req\",\"request\":{\"type\":11,\"text\":\"in binary\"}}}}";
            link.sendBinary(chat.getBytes(StandardCharsets.UTF_8));
            link.awaitText("in binary", WAIT);
            assertEquals("chat to all", last(Summary.of(link)));
        };
        Stage.Run direct = Stage.play(Stage.Path.DIRECT, group, scenario);
        Stage.Run agent = Stage.play(Stage.Path.AGENT, group, scenario);
        assertTransparent(direct, agent);
        assertEquals(List.of("text", "text", "binary"), direct.framesToMonolith().get(0), "init, join, chat");
        assertEquals(direct.framesToMonolith(), agent.framesToMonolith(), "frames the monolith received");
    }

    // ------------------------------------------------------------------ closing

    /**
     * The one place where the agent is not byte-for-byte transparent: it completes the balancer's
     * close handshake itself, echoing the balancer's own Close payload ({@code 1000 "balancer
     * leaving"}), while the monolith answers with the code and an empty reason. The code matches and
     * no balancer reads the reason of a Close reply (upstream's never even sends a Close on a link),
     * so the reply's reason text is left out of this comparison.
     */
    @Test
    void aCloseFromTheBalancerIsAnsweredWithTheSameCodeAndEndsTheLink() throws Exception {
        Stage.Scenario scenario = s -> {
            SampleMonolith m = s.monolith();
            LinkClient link = s.link(m);
            link.sendClose(1000, "balancer leaving");
            link.await("the end of the link", WAIT, f -> f.kind() == LinkClient.Kind.END);
            assertEquals(List.of("close 1000", "end"), Summary.afterHandshake(link));
        };
        Stage.Run direct = Stage.play(Stage.Path.DIRECT, group, scenario);
        Stage.Run agent = Stage.play(Stage.Path.AGENT, group, scenario);
        assertTransparent(direct.withoutCloseReasons(), agent.withoutCloseReasons());
        assertEquals("close 1000 \"\"", direct.link(0).containing("close").get(0), "the monolith's reply");
        assertEquals("close 1000 \"balancer leaving\"", agent.link(0).containing("close").get(0), "the agent's reply");
    }

    @Test
    void aMonolithShuttingDownClosesItsLinksWith1001() throws Exception {
        bothWays(s -> {
            SampleMonolith m = s.monolith();
            LinkClient link = s.link(m);
            m.close();
            link.await("the end of the link", WAIT, f -> f.kind() == LinkClient.Kind.END);
            assertEquals(List.of("close 1001", "end"), Summary.afterHandshake(link));
            assertEquals("Server shutting down",
                    link.await("close", WAIT, f -> f.kind() == LinkClient.Kind.CLOSE).text());
        });
    }

    // ------------------------------------------------------------------ helpers

    /** Plays the scenario directly and through an agent and asserts the agent changed nothing. */
    private static void bothWays(Stage.Scenario scenario) throws Exception {
        Stage.Run direct = Stage.play(Stage.Path.DIRECT, group, scenario);
        Stage.Run agent = Stage.play(Stage.Path.AGENT, group, scenario);
        assertTransparent(direct, agent);
    }

    private static void assertTransparent(Stage.Run direct, Stage.Run agent) {
        assertEquals(direct.transcripts().size(), agent.transcripts().size(), "links");
        for (int i = 0; i < direct.transcripts().size(); i++) {
            Transcript d = direct.link(i);
            Transcript a = agent.link(i);
            String both = "link " + i + "\n  direct:\n" + d.describe() + "  through the agent:\n" + a.describe();
            assertEquals(List.of(), d.extensions(), "a monolith sends no extension messages; " + both);
            assertEquals(d.lines(), a.lines(), "the agent changed the transcript of " + both);
            assertTrue(d.lines().get(0).startsWith("text {\"type\":\"init\""), both);
            assertEquals(List.of(new Transcript.Extension(1, EXT_STATUS_ACTIVE)), a.extensions(),
                    "exactly one ext_status active, right after init; " + both);
        }
    }

    private static void assertNothingMoreWithin(LinkClient link, Duration quiet, String when) throws InterruptedException {
        int before = link.count();
        Thread.sleep(quiet.toMillis());
        List<LinkClient.Frame> frames = link.frames();
        List<String> more = frames.subList(before, frames.size()).stream()
                .filter(f -> !(f.kind() == LinkClient.Kind.TEXT && f.text().contains("\"type\":\"ext_")))
                .map(LinkClient.Frame::describe).toList();
        assertEquals(List.of(), more, "nothing may arrive " + when);
    }

    private static org.ottbalancer.protocol.RawJson raw(String json) {
        return org.ottbalancer.protocol.RawJson.of(json);
    }

    private static String last(List<String> l) {
        return l.isEmpty() ? "(nothing)" : l.get(l.size() - 1);
    }
}
