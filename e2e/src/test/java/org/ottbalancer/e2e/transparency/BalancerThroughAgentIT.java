package org.ottbalancer.e2e.transparency;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.ottbalancer.balancer.config.MigrationConfig.Mode;
import org.ottbalancer.e2e.support.WsClient;
import org.ottbalancer.monolith.SampleMonolith;

/**
 * The real balancer behaves the same for its clients whether it dials sample monoliths directly or
 * through monolith agents. One session is played four times (reconnect and auto migration mode,
 * each direct and through agents): three people join a room, chat, one is kicked at its own request
 * ({@code kickme} 4005), one leaves, the balancer's room list and {@code /api/state} are read, and
 * finally the monolith holding the room shuts down.
 *
 * <p>In {@code reconnect} mode everything the clients see is identical either way, down to the
 * last person being closed with 1000 when the monolith goes. In {@code auto} mode the difference is
 * intended: the agent announces itself ({@code ext_status}), so the balancer keeps the person's
 * socket and re-homes it on the other monolith instead of closing it; without agents {@code auto}
 * behaves like upstream.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class BalancerThroughAgentIT {
    private static final String ROOM = "lobby";
    private static final String LINK_LOST = "close frame 1000 client connection ended";
    private static EventLoopGroup group;

    @BeforeAll
    static void startClients() {
        group = new MultiThreadIoEventLoopGroup(2, NioIoHandler.newFactory());
    }

    @AfterAll
    static void stopClients() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(3, TimeUnit.SECONDS);
    }

    /**
     * What the clients saw, normalised. {@code beforeLinkLoss} covers joining, chat, the kick, the
     * leave, the room list and the state; {@code afterLinkLoss} what the last person saw once the
     * room's monolith had shut down.
     */
    record Outcome(Map<String, List<String>> beforeLinkLoss, Map<String, String> endings, String roomList,
            List<String> stateWithThree, List<String> stateWithOne, List<String> afterLinkLoss, String lastEnding,
            boolean movedToTheOtherMonolith) {
    }

    @Test
    void inReconnectModeClientsSeeExactlyTheSameWithOrWithoutAgents() throws Exception {
        Outcome direct = play(Stage.Path.DIRECT, Mode.RECONNECT);
        Outcome agent = play(Stage.Path.AGENT, Mode.RECONNECT);

        assertAll("what the session looks like, directly",
                () -> assertEquals("close frame 4005 ", direct.endings().get("c2"), "kickme 4005"),
                () -> assertEquals("still open", direct.endings().get("c1")),
                () -> assertEquals("closed by the browser", direct.endings().get("c3")),
                () -> assertTrue(direct.roomList().contains("\"name\":\"lobby\"") && direct.roomList().contains("\"users\":3"),
                        direct.roomList()),
                () -> assertTrue(direct.stateWithThree().contains("monolith region unknown: room lobby [c1@unknown, c2@unknown, c3@unknown]"),
                        String.join("\n", direct.stateWithThree())),
                () -> assertEquals(LINK_LOST, direct.lastEnding(), "when the room's monolith went away"));
        assertSameBeforeLinkLoss(direct, agent);
        assertEquals(direct.afterLinkLoss(), agent.afterLinkLoss(), "what c1 saw after the monolith went away");
        assertEquals(direct.lastEnding(), agent.lastEnding(), "how c1's connection ended");
    }

    @Test
    void inAutoModeAgentsLetClientsStayWhenTheirMonolithGoesWhileDirectLinksBehaveLikeUpstream() throws Exception {
        Outcome direct = play(Stage.Path.DIRECT, Mode.AUTO);
        Outcome agent = play(Stage.Path.AGENT, Mode.AUTO);

        assertSameBeforeLinkLoss(direct, agent);
        assertAll("direct links in auto mode: upstream's behaviour",
                () -> assertEquals(LINK_LOST, direct.lastEnding()),
                () -> assertEquals(List.of(), direct.afterLinkLoss()));
        assertAll("through agents in auto mode: the client is re-homed, not disconnected",
                () -> assertEquals("still open", agent.lastEnding()),
                () -> assertTrue(agent.movedToTheOtherMonolith(), "the room lives on the other monolith now"),
                () -> assertEquals(List.of("sync to me", "user init", "you: same id", "user add", "chat after the move"),
                        agent.afterLinkLoss(), "the new monolith greets the same client, and chat goes on"));
    }

    // ------------------------------------------------------------------ the session

    private Outcome play(Stage.Path path, Mode mode) throws Exception {
        try (BalancerStage stage = BalancerStage.start(path, mode, group)) {
            stage.storedRoom(ROOM);
            Map<String, Browser> people = new LinkedHashMap<>();
            Browser c1 = stage.join("c1", ROOM);
            people.put("c1", c1);
            Browser c2 = stage.join("c2", ROOM);
            people.put("c2", c2);
            c1.awaitText("\"kind\":\"add\"", 2);
            Browser c3 = stage.join("c3", ROOM);
            people.put("c3", c3);
            c1.awaitText("\"kind\":\"add\"", 3);
            c2.awaitText("\"kind\":\"add\"", 2);

            c1.chat("hello");
            for (Browser b : people.values()) {
                b.awaitAction("chat", 1);
            }
            String roomList = stage.awaitRoomList(ROOM, 3);
            List<String> stateWithThree = stage.awaitState(ROOM, 3, people);

            c2.send("{\"action\":\"kickme\",\"reason\":4005}");
            c2.awaitEnding();
            c1.awaitText("\"kind\":\"remove\"", 1);
            c3.awaitText("\"kind\":\"remove\"", 1);
            c3.leave();
            c1.awaitText("\"kind\":\"remove\"", 2);
            List<String> stateWithOne = stage.awaitState(ROOM, 1, people);

            Map<String, List<String>> before = new LinkedHashMap<>();
            for (Map.Entry<String, Browser> e : people.entrySet()) {
                before.put(e.getKey(), e.getValue().received());
            }
            Map<String, String> endings = new LinkedHashMap<>();
            people.forEach((name, b) -> endings.put(name, ending(b, name.equals("c3"))));

            SampleMonolith holder = stage.holderOf(ROOM);
            int seen = c1.received().size();
            holder.close();
            boolean rehomed = path == Stage.Path.AGENT && mode != Mode.RECONNECT;
            boolean moved = false;
            if (rehomed) {
                c1.awaitAction("sync", 2);
                c1.chat("after the move");
                c1.awaitText("after the move", 1);
                moved = stage.holderOf(ROOM) != holder;
            } else {
                c1.awaitEnding();
            }
            List<String> after = c1.received().subList(seen, c1.received().size());
            return normalised(before, endings, roomList, stateWithThree, stateWithOne, after, ending(c1, false), moved, c1.id());
        }
    }

    private static String ending(Browser b, boolean closedByTheBrowser) {
        WsClient.Ending e = b.ending();
        if (e == null) {
            return closedByTheBrowser ? "closed by the browser" : "still open";
        }
        return e.how() + " " + e.closeCode() + " " + e.reason();
    }

    /** Normalises every message in a fixed order (c1, c2, c3, then c1 after the loss) with one normalizer. */
    private static Outcome normalised(Map<String, List<String>> before, Map<String, String> endings, String roomList,
            List<String> stateWithThree, List<String> stateWithOne, List<String> after, String lastEnding, boolean moved,
            String c1Id) {
        Normalizer n = new Normalizer();
        Map<String, List<String>> beforeN = new LinkedHashMap<>();
        before.forEach((name, texts) -> beforeN.put(name, texts.stream().map(n::text).toList()));
        List<String> afterSummary = new ArrayList<>();
        for (String t : after) {
            afterSummary.add(summarise(t, c1Id));
        }
        return new Outcome(beforeN, endings, n.text(roomList), stateWithThree, stateWithOne, afterSummary, lastEnding, moved);
    }

    /**
     * A message c1 received after the move, in a few words ({@code "sync to me"}, {@code "chat <text>"}):
     * the new monolith's ids and timings are its own, so only the shape is compared.
     */
    private static String summarise(String text, String myId) {
        com.fasterxml.jackson.databind.JsonNode m;
        try {
            m = new com.fasterxml.jackson.databind.ObjectMapper().readTree(text);
        } catch (java.io.IOException e) {
            return "unreadable " + text;
        }
        String action = m.path("action").asText("?");
        if (action.equals("chat")) {
            return "chat " + m.path("text").asText();
        }
        if (action.equals("sync")) {
            return "sync to me";
        }
        if (action.equals("you")) {
            return myId.equals(m.path("info").path("id").asText()) ? "you: same id" : "you: another id";
        }
        if (action.equals("user")) {
            return "user " + m.path("update").path("kind").asText();
        }
        return action;
    }

    private static void assertSameBeforeLinkLoss(Outcome direct, Outcome agent) {
        for (String name : direct.beforeLinkLoss().keySet()) {
            assertEquals(direct.beforeLinkLoss().get(name), agent.beforeLinkLoss().get(name),
                    () -> "what " + name + " received, direct vs through agents:\n  direct:\n    "
                            + String.join("\n    ", direct.beforeLinkLoss().get(name)) + "\n  through agents:\n    "
                            + String.join("\n    ", agent.beforeLinkLoss().get(name)));
        }
        assertEquals(direct.endings(), agent.endings(), "how the connections ended");
        assertEquals(direct.roomList(), agent.roomList(), "the balancer's room list");
        assertEquals(direct.stateWithThree(), agent.stateWithThree(), "/api/state with three people in the room");
        assertEquals(direct.stateWithOne(), agent.stateWithOne(), "/api/state after the kick and the leave");
        assertNotEquals(List.of(), direct.beforeLinkLoss().get("c1"));
    }
}
