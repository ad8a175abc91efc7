package org.ottbalancer.operator.agents;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Function;
import org.ottbalancer.protocol.agent.AgentDocuments;
import org.ottbalancer.protocol.agent.AgentReport;
import org.ottbalancer.protocol.agent.DrainReport;
import org.ottbalancer.protocol.agent.DrainRequest;

/**
 * The agents' HTTP API as the operator uses it, asynchronously (JDK {@link HttpClient}): nothing here
 * blocks a caller's thread, so a slow or dead agent never holds up a reconciliation. Every call
 * completes exceptionally with {@link AgentCallException} on a non-2xx answer or a body that is not
 * the expected document.
 */
public final class AgentClient {
    private static final int MAX_ERROR_BODY = 200;

    private final HttpClient http;
    private final Duration timeout;

    public AgentClient(Duration timeout, Executor executor) {
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .executor(executor)
                .build();
    }

    /** {@code GET /report}. */
    public CompletableFuture<AgentReport> report(URI api) {
        return send(HttpRequest.newBuilder(api.resolve("/report")).GET(), AgentDocuments::parseReport);
    }

    /** {@code GET /drain}: progress of the current or last drain; needs no token. */
    public CompletableFuture<DrainReport> drainProgress(URI api) {
        return send(HttpRequest.newBuilder(api.resolve("/drain")).GET(), AgentDocuments::parseDrainReport);
    }

    /**
     * {@code POST /drain} with the bearer token: starts a drain, or returns the one already running.
     * The token goes only into the {@code Authorization} header, never into a message.
     */
    public CompletableFuture<DrainReport> startDrain(URI api, String token, DrainRequest request) {
        return send(HttpRequest.newBuilder(api.resolve("/drain"))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(AgentDocuments.write(request))),
                AgentDocuments::parseDrainReport);
    }

    private <T> CompletableFuture<T> send(HttpRequest.Builder request, Function<String, T> parse) {
        HttpRequest r = request.timeout(timeout).header("Accept", "application/json").build();
        return http.sendAsync(r, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() / 100 != 2) {
                String body = response.body() == null ? "" : response.body().strip();
                throw new AgentCallException(r.method() + " " + r.uri() + " answered " + response.statusCode()
                        + (body.isEmpty() ? "" : ": " + abbreviate(body)));
            }
            try {
                return parse.apply(response.body());
            } catch (IllegalArgumentException e) {
                throw new AgentCallException(r.method() + " " + r.uri() + ": " + e.getMessage());
            }
        });
    }

    private static String abbreviate(String s) {
        return s.length() <= MAX_ERROR_BODY ? s : s.substring(0, MAX_ERROR_BODY) + "…";
    }

    /** An agent answered, but not with what the operator asked for. */
    public static final class AgentCallException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public AgentCallException(String message) {
            super(message);
        }
    }
}
