package org.ottbalancer.protocol.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * Body of {@code POST /drain}; every field is optional and defaults to the agent's configuration.
 *
 * @param deadlineSeconds give up (phase {@code failed}) if rooms remain after this long
 * @param settleSeconds how long a frozen room must have had no client message before it is unloaded
 * @param concurrency rooms moved at the same time
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DrainRequest(
        @JsonProperty("deadline_seconds") Double deadlineSeconds,
        @JsonProperty("settle_seconds") Double settleSeconds,
        @JsonProperty("concurrency") Integer concurrency) {

    public static final DrainRequest DEFAULTS = new DrainRequest(null, null, null);

    public DrainRequest {
        if (deadlineSeconds != null && !(deadlineSeconds > 0)) {
            throw new IllegalArgumentException("deadline_seconds must be positive");
        }
        if (settleSeconds != null && !(settleSeconds >= 0)) {
            throw new IllegalArgumentException("settle_seconds must not be negative");
        }
        if (concurrency != null && concurrency < 1) {
            throw new IllegalArgumentException("concurrency must be at least 1");
        }
    }
}
