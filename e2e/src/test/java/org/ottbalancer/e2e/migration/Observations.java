package org.ottbalancer.e2e.migration;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.ottbalancer.e2e.cluster.MonolithNode;
import org.ottbalancer.e2e.support.ChatUser;
import org.ottbalancer.e2e.support.Scenario;
import org.ottbalancer.e2e.support.WsClient;

/** What the migration suites look at after the fact: sockets, frames, titles, where rooms are. */
public final class Observations {
    private Observations() {
    }

    public static MonolithNode busiest(List<MonolithNode> nodes) throws Exception {
        Map<MonolithNode, Integer> counts = new HashMap<>();
        for (MonolithNode n : nodes) {
            counts.put(n, n.monolith().loadedRooms().get(5, TimeUnit.SECONDS).size());
        }
        return nodes.stream().max(Comparator.comparingInt(counts::get)).orElseThrow();
    }

    /**
     * Waits until every live message and title change has reached everybody, or until nothing
     * new has arrived for two seconds (then something was lost, and the checks say what), at most
     * 15 seconds.
     */
    public static void awaitQuietly(Scenario scenario) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        long lastCount = -1;
        long stableSince = System.nanoTime();
        while (System.nanoTime() < deadline) {
            if (scenario.everyoneCaughtUp() && titlesSettled(scenario)) {
                return;
            }
            long count = scenario.messagesReceived();
            if (count != lastCount) {
                lastCount = count;
                stableSince = System.nanoTime();
            } else if (System.nanoTime() - stableSince > TimeUnit.SECONDS.toNanos(2)) {
                System.out.println("[e2e] deliveries stopped short of what was sent; the checks below say what is missing");
                return;
            }
            Thread.sleep(100);
        }
        System.out.println("[e2e] deliveries still running after 15 s; the checks below say what is missing");
    }

    private static boolean titlesSettled(Scenario scenario) {
        for (ChatUser u : scenario.users()) {
            String last = scenario.lastTitleSent(u.roomIndex());
            if (last != null && !last.equals(u.lastTitleSeen())) {
                return false;
            }
        }
        return true;
    }

    public static List<String> closedSockets(List<ChatUser> users) {
        List<String> closed = new ArrayList<>();
        for (ChatUser u : users) {
            WsClient.Ending e = u.ending();
            if (e != null) {
                closed.add(u + ": " + e.how() + " " + e.closeCode() + " " + e.reason());
            }
        }
        return closed;
    }

    public static List<String> userProblems(List<ChatUser> users) {
        List<String> all = new ArrayList<>();
        for (ChatUser u : users) {
            for (String p : u.problems()) {
                all.add(u + ": " + p);
            }
        }
        return all;
    }

    /** Each room's title as a fresh {@code sync} reports it, against the last title sent to it. */
    public static List<String> lostTitles(Scenario scenario) throws Exception {
        List<String> lost = new ArrayList<>();
        for (int r = 0; r < scenario.rooms().size(); r++) {
            int port = scenario.entryPorts().get(r % scenario.entryPorts().size());
            JsonNode sync = scenario.freshSync(scenario.rooms().get(r), port);
            String expected = scenario.lastTitleSent(r);
            String actual = sync.path("title").asText();
            if (expected != null && !expected.equals(actual)) {
                lost.add(scenario.rooms().get(r) + ": last set " + expected + ", fresh sync says " + actual);
            }
        }
        return lost;
    }
}
