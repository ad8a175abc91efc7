package org.ottbalancer.agent.http;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;

/**
 * The drain token. Presented tokens are compared by their SHA-256 digests with
 * {@link MessageDigest#isEqual}, so the comparison takes the same time whatever the presented
 * token's length or content.
 */
public final class BearerToken {
    private final byte[] expectedDigest;

    private BearerToken(byte[] expectedDigest) {
        this.expectedDigest = expectedDigest;
    }

    /** Empty when no token is configured: the guarded endpoint is then refused altogether. */
    public static Optional<BearerToken> of(Optional<String> token) {
        return token.map(t -> new BearerToken(digest(t)));
    }

    /** Whether an {@code Authorization} header value is {@code Bearer <the token>}. */
    public boolean accepts(String authorization) {
        if (authorization == null) {
            return false;
        }
        String value = authorization.trim();
        if (value.length() < 7 || !value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return false;
        }
        return MessageDigest.isEqual(expectedDigest, digest(value.substring(7).trim()));
    }

    private static byte[] digest(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no SHA-256", e);
        }
    }
}
