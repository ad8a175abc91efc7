package org.ottbalancer.agent.support;

import java.nio.charset.StandardCharsets;

/** A data frame as it arrived: text or binary, its exact bytes, and when ({@link System#nanoTime()}). */
public record RecordedFrame(boolean binary, byte[] bytes, long atNanos) {
    public String text() {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
