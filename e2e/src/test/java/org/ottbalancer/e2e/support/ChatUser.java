package org.ottbalancer.e2e.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.channel.EventLoopGroup;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One simulated person in a room, connected through a balancer: sends numbered chat messages
 * ({@code "<index>:<seq>"}) and records every live {@code chat} broadcast it receives, per sender,
 * in arrival order. Chat history inside a {@code sync} is recorded apart, because a re-join after
 * a move repeats history the person has already seen live.
 */
public final class ChatUser {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final int index;
    private final int roomIndex;
    private final int roomSize;
    private final String room;
    private final int balancerPort;
    private final AtomicInteger lastSeqSent = new AtomicInteger();
    /** Live chat seqs received, per sender position in the room, in arrival order. */
    private final List<List<Integer>> received;
    private final Set<String> historyAfterFirstSync = new HashSet<>();
    private final List<String> problems = new ArrayList<>();
    private final CompletableFuture<ChatUser> synced = new CompletableFuture<>();
    private volatile WsClient ws;
    private int syncs;
    private String lastTitleSeen;
    private long lastRevisionSeen = -1;

    public ChatUser(int index, int roomSize, String room, int balancerPort) {
        this.index = index;
        this.roomIndex = index / roomSize;
        this.roomSize = roomSize;
        this.room = room;
        this.balancerPort = balancerPort;
        this.received = new ArrayList<>(roomSize);
        for (int i = 0; i < roomSize; i++) {
            received.add(new ArrayList<>());
        }
    }

    /** Connects, authenticates with {@code token} and completes once the room's first {@code sync} arrived. */
    public CompletableFuture<ChatUser> join(EventLoopGroup group, String token) {
        WsClient.connect(group, balancerPort, "/api/room/" + room, this::onText).whenComplete((client, err) -> {
            if (err != null) {
                synced.completeExceptionally(new IllegalStateException(this + " cannot connect: " + err, err));
                return;
            }
            ws = client;
            client.send("{\"action\":\"auth\",\"token\":\"" + token + "\"}");
        });
        return synced;
    }

    public void sendChat() {
        int seq = lastSeqSent.incrementAndGet();
        ws.send("{\"action\":\"req\",\"request\":{\"type\":11,\"text\":\"" + index + ":" + seq + "\"}}");
    }

    public void sendTitle(String title) {
        ws.send("{\"action\":\"req\",\"request\":{\"type\":\"set_title\",\"title\":\"" + title + "\"}}");
    }

    private void onText(String text) {
        JsonNode msg;
        try {
            msg = JSON.readTree(text);
        } catch (IOException e) {
            problem("unparseable frame: " + text);
            return;
        }
        String action = msg.path("action").asText("");
        if (action.equals("chat")) {
            onChat(msg.path("text").asText(""));
        } else if (action.equals("sync")) {
            onSync(msg);
        } else if (action.equals("settings")) {
            synchronized (this) {
                lastTitleSeen = msg.path("title").asText();
                lastRevisionSeen = msg.path("revision").asLong(-1);
            }
        }
    }

    private void onChat(String text) {
        int colon = text.indexOf(':');
        int sender;
        int seq;
        try {
            sender = Integer.parseInt(text.substring(0, colon));
            seq = Integer.parseInt(text.substring(colon + 1));
        } catch (RuntimeException e) {
            problem("chat text not of the form index:seq: " + text);
            return;
        }
        if (sender / roomSize != roomIndex) {
            problem("received a chat message of user " + sender + ", who is in another room");
            return;
        }
        synchronized (this) {
            received.get(sender % roomSize).add(seq);
        }
    }

    private void onSync(JsonNode msg) {
        synchronized (this) {
            syncs++;
            lastTitleSeen = msg.path("title").asText();
            lastRevisionSeen = msg.path("revision").asLong(-1);
            if (syncs > 1) {
                for (JsonNode c : msg.path("chat")) {
                    historyAfterFirstSync.add(c.path("text").asText());
                }
            }
        }
        synced.complete(this);
    }

    private synchronized void problem(String what) {
        problems.add(what);
    }

    public int index() {
        return index;
    }

    public int roomIndex() {
        return roomIndex;
    }

    public String room() {
        return room;
    }

    public int balancerPort() {
        return balancerPort;
    }

    public int lastSeqSent() {
        return lastSeqSent.get();
    }

    public WsClient.Ending ending() {
        WsClient c = ws;
        return c == null ? null : c.ending();
    }

    /** A copy of the live chat seqs received from the room's user at {@code position}. */
    public synchronized List<Integer> receivedFrom(int position) {
        return new ArrayList<>(received.get(position));
    }

    public synchronized int receivedCount() {
        int n = 0;
        for (List<Integer> l : received) {
            n += l.size();
        }
        return n;
    }

    public synchronized boolean sawInHistory(int sender, int seq) {
        return historyAfterFirstSync.contains(sender + ":" + seq);
    }

    public synchronized int syncs() {
        return syncs;
    }

    public synchronized String lastTitleSeen() {
        return lastTitleSeen;
    }

    public synchronized List<String> problems() {
        return new ArrayList<>(problems);
    }

    public void close() {
        WsClient c = ws;
        if (c != null) {
            c.close();
        }
    }

    @Override
    public String toString() {
        return "user " + index + " (room " + room + ", balancer :" + balancerPort + ")";
    }
}
