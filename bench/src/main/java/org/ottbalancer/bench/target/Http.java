package org.ottbalancer.bench.target;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/**
 * The few HTTP calls the harness makes itself (readiness probes, tokens, state, drain). Blocking
 * and small on purpose: none of them is measured.
 */
public final class Http {
    /** HTTP/1.1 only: the JDK client would otherwise try an h2c upgrade the targets do not need. */
    private static final HttpClient CLIENT = HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .version(HttpClient.Version.HTTP_1_1)
            .build();

    private Http() {
    }

    /** The status and body of an answer. */
    public record Reply(int status, String body) {
    }

    /** {@code GET uri}, with {@code bearer} as the bearer token unless it is null. */
    public static Reply get(URI uri, String bearer) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET();
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    /**
     * {@code POST uri} with a JSON body; the timeout is the caller's because some calls (a drain
     * with {@code wait=true}) answer only when their work is done.
     */
    public static Reply post(URI uri, String bearer, String jsonBody, Duration timeout)
            throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(jsonBody));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        HttpResponse<String> r = CLIENT.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Reply(r.statusCode(), r.body());
    }

    /**
     * Polls {@code GET uri} until an answer satisfies {@code ok}: processes that were just started
     * refuse connections, or answer before they are fully set up, for a while. Fails after
     * {@code timeout} with the last answer or error, which usually says what went wrong.
     */
    public static Reply await(URI uri, String bearer, Predicate<Reply> ok, Duration timeout)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            try {
                Reply r = get(uri, bearer);
                if (ok.test(r)) {
                    return r;
                }
                last = r.status() + " " + abbreviate(r.body());
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(100);
        }
        throw new IOException(uri + " not ready within " + timeout.toSeconds() + " s (last: " + last + ")");
    }

    /** Keeps error messages readable when the body is a whole metrics page. */
    private static String abbreviate(String s) {
        return s.length() > 200 ? s.substring(0, 200) + "..." : s;
    }
}
