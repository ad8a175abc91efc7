package org.ottbalancer.balancer.harness;

import java.time.Duration;
import java.util.Map;

/**
 * What a mock monolith's HTTP server answers. {@link #NEVER} leaves the request hanging, to test
 * the balancer's proxy timeout; {@link #after} answers late, to make one response slower than another.
 *
 * @param delay how long the server waits before answering (zero: at once)
 */
public record HttpReply(int status, Map<String, String> headers, String body, Duration delay) {
    public static final HttpReply NEVER = new HttpReply(-1, Map.of(), "");

    public HttpReply(int status, Map<String, String> headers, String body) {
        this(status, headers, body, Duration.ZERO);
    }

    public static HttpReply of(int status, String body) {
        return new HttpReply(status, Map.of("Content-Type", "text/plain; charset=utf-8"), body);
    }

    public HttpReply withHeader(String name, String value) {
        java.util.Map<String, String> copy = new java.util.LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HttpReply(status, copy, body, delay);
    }

    /** The same reply, sent {@code wait} after the request arrived (without holding up other connections). */
    public HttpReply after(Duration wait) {
        return new HttpReply(status, headers, body, wait);
    }

    boolean answers() {
        return status >= 0;
    }
}
