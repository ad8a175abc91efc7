package org.ottbalancer.e2e.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Does what a browser opening the room page does, through the balancer: loads the page (proxied
 * to a monolith), gets a token, opens the room's WebSocket, authenticates and waits for the
 * room's {@code sync}. The local cluster runs it before telling anyone the URL works.
 */
final class RoomPageCheck {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http;
    private final String base;
    private final Duration timeout;

    RoomPageCheck(int balancerPort, Duration timeout) {
        this.base = "http://127.0.0.1:" + balancerPort;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /**
     * @return the room's title as its {@code sync} reported it
     * @throws IllegalStateException saying which step failed
     */
    String check(String room) throws InterruptedException {
        String page = get("/room/" + room, "the room page");
        if (!page.contains("room.js")) {
            throw new IllegalStateException("GET /room/" + room + " through the balancer did not return the room page");
        }
        get("/static/room.js", "the room page's script");
        String token;
        try {
            token = JSON.readTree(get("/api/auth/grant", "a token")).path("token").asText("");
        } catch (IOException e) {
            throw new IllegalStateException("GET /api/auth/grant through the balancer returned no JSON: " + e.getMessage(), e);
        }
        if (token.isEmpty()) {
            throw new IllegalStateException("GET /api/auth/grant through the balancer returned no token");
        }
        return awaitSync(room, token);
    }

    private String get(String path, String what) throws InterruptedException {
        HttpRequest req = HttpRequest.newBuilder(URI.create(base + path)).timeout(timeout).GET().build();
        try {
            HttpResponse<String> res = http.send(req, HttpResponse.BodyHandlers.ofString());
            if (res.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " (" + what + ") through the balancer answered "
                        + res.statusCode() + ": " + res.body());
            }
            return res.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " (" + what + ") through the balancer failed: " + e, e);
        }
    }

    private String awaitSync(String room, String token) throws InterruptedException {
        CompletableFuture<String> title = new CompletableFuture<>();
        WebSocket.Listener listener = new WebSocket.Listener() {
            private final StringBuilder text = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                text.append(data);
                if (last) {
                    try {
                        JsonNode msg = JSON.readTree(text.toString());
                        if ("sync".equals(msg.path("action").asText())) {
                            title.complete(msg.path("title").asText(""));
                        }
                    } catch (IOException e) {
                        title.completeExceptionally(e);
                    }
                    text.setLength(0);
                }
                ws.request(1);
                return null;
            }

            @Override
            public CompletionStage<?> onClose(WebSocket ws, int code, String reason) {
                title.completeExceptionally(new IllegalStateException("the room's WebSocket was closed with " + code + " " + reason));
                return null;
            }

            @Override
            public void onError(WebSocket ws, Throwable error) {
                title.completeExceptionally(error);
            }
        };
        WebSocket ws;
        try {
            ws = http.newWebSocketBuilder().connectTimeout(timeout)
                    .buildAsync(URI.create("ws://127.0.0.1:" + base.substring(base.lastIndexOf(':') + 1) + "/api/room/" + room), listener)
                    .get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot open ws /api/room/" + room + " through the balancer: " + e, e);
        }
        try {
            ws.sendText("{\"action\":\"auth\",\"token\":\"" + token + "\"}", true);
            return title.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the room's WebSocket through the balancer sent no sync: " + e, e);
        } finally {
            ws.sendClose(WebSocket.NORMAL_CLOSURE, "check done");
        }
    }
}
