package org.ottbalancer.e2e.transparency;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.ottbalancer.e2e.support.WsClient;

/**
 * A person in a room, as the balancer's client side sees them: every text frame received, in order,
 * and how the connection ended. Its id is the one the monolith tells it in {@code you}.
 */
final class Browser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final List<String> received = new ArrayList<>();
    private WsClient ws;

    private Browser(String name) {
        this.name = name;
    }

    /** Connects to {@code room} through the balancer, authenticates and waits for the greeting's {@code you}. */
    static Browser join(String name, EventLoopGroup group, int balancerPort, String room, String token) throws Exception {
        Browser b = new Browser(name);
        b.ws = WsClient.connect(group, balancerPort, "/api/room/" + room, b::onText).get(5, TimeUnit.SECONDS);
        b.ws.send("{\"action\":\"auth\",\"token\":\"" + token + "\"}");
        b.awaitAction("you", 1);
        return b;
    }

    private synchronized void onText(String text) {
        received.add(text);
        notifyAll();
    }

    String name() {
        return name;
    }

    void send(String json) {
        ws.send(json);
    }

    void chat(String text) {
        send("{\"action\":\"req\",\"request\":{\"type\":11,\"text\":\"" + text + "\"}}");
    }

    /** Closes from the browser's side, as a person leaving the page. */
    void leave() {
        ws.close();
    }

    synchronized List<String> received() {
        return List.copyOf(received);
    }

    /** The id the monolith gave this client, from the last {@code you}. */
    synchronized String id() {
        String id = null;
        for (String t : received) {
            JsonNode n = parse(t);
            if ("you".equals(n.path("action").asText())) {
                id = n.path("info").path("id").asText();
            }
        }
        return id;
    }

    WsClient.Ending ending() {
        return ws.ending();
    }

    /** Waits until {@code count} messages with this {@code action} have arrived. */
    synchronized void awaitAction(String action, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Stage.WAIT.toNanos();
        while (countAction(action) < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(name + " did not get " + count + " \"" + action + "\" message(s); received:\n  "
                        + String.join("\n  ", received));
            }
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
    }

    /** Waits until {@code count} received messages contain {@code fragment}. */
    synchronized void awaitText(String fragment, int count) throws InterruptedException {
        long deadline = System.nanoTime() + Stage.WAIT.toNanos();
        while (received.stream().filter(t -> t.contains(fragment)).count() < count) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new AssertionError(name + " did not get " + count + " message(s) containing " + fragment
                        + "; received:\n  " + String.join("\n  ", received));
            }
            wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(left)));
        }
    }

    synchronized int countAction(String action) {
        int n = 0;
        for (String t : received) {
            if (action.equals(parse(t).path("action").asText())) {
                n++;
            }
        }
        return n;
    }

    /** Waits until the server ended the connection. */
    WsClient.Ending awaitEnding() throws InterruptedException {
        long deadline = System.nanoTime() + Stage.WAIT.toNanos();
        while (ws.ending() == null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " was never disconnected");
            }
            Thread.sleep(10);
        }
        return ws.ending();
    }

    private static JsonNode parse(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            return JSON.createObjectNode();
        }
    }
}
