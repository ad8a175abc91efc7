package org.ottbalancer.balancer.http;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Guards the operator endpoints: a request is authorised iff an API key is configured and the
 * {@code Authorization} header is exactly {@code Bearer <key>}. The comparison takes the same time
 * whatever the header holds, so the key cannot be guessed byte by byte from response times.
 */
final class ApiKey {
    private final byte[] expected;

    ApiKey(Optional<String> key) {
        this.expected = key.map(k -> ("Bearer " + k).getBytes(StandardCharsets.UTF_8)).orElse(null);
    }

    boolean authorises(HttpRequest request) {
        if (expected == null) {
            return false;
        }
        String header = request.headers().get(HttpHeaderNames.AUTHORIZATION);
        if (header == null) {
            return false;
        }
        return MessageDigest.isEqual(expected, header.getBytes(StandardCharsets.UTF_8));
    }
}
