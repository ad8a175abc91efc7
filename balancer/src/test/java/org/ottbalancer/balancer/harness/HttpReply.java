package org.ottbalancer.balancer.harness;

import java.util.Map;

/**
 * What a mock monolith's HTTP server answers. {@link #NEVER} leaves the request hanging, to test
 * the balancer's proxy timeout.
 */
public record HttpReply(int status, Map<String, String> headers, String body) {
    public static final HttpReply NEVER = new HttpReply(-1, Map.of(), "");

    public static HttpReply of(int status, String body) {
        return new HttpReply(status, Map.of("Content-Type", "text/plain; charset=utf-8"), body);
    }

    public HttpReply withHeader(String name, String value) {
        java.util.Map<String, String> copy = new java.util.LinkedHashMap<>(headers);
        copy.put(name, value);
        return new HttpReply(status, copy, body);
    }

    boolean answers() {
        return status >= 0;
    }
}
