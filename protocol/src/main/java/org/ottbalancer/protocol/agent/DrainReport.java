package org.ottbalancer.protocol.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * Progress of the monolith's drain.
 *
 * @param phase {@code idle} (never asked), {@code running}, {@code done} (the monolith holds no
 *     room) or {@code failed} (the deadline passed with rooms left; {@code error} says why)
 * @param startedAt when the drain was asked for
 * @param finishedAt when it ended, if it has
 * @param roomsAtStart rooms the monolith held when the drain started
 * @param roomsMoved rooms unloaded by the drain so far
 * @param roomsRemaining rooms the monolith still holds
 * @param longestFreezeMillis the longest time any room spent frozen (clients' messages held)
 * @param error why the drain failed
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DrainReport(
        @JsonProperty(value = "phase", required = true) String phase,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("finished_at") Instant finishedAt,
        @JsonProperty("rooms_at_start") int roomsAtStart,
        @JsonProperty("rooms_moved") int roomsMoved,
        @JsonProperty("rooms_remaining") int roomsRemaining,
        @JsonProperty("longest_freeze_ms") long longestFreezeMillis,
        @JsonProperty("error") String error) {

    public static final DrainReport IDLE = new DrainReport("idle", null, null, 0, 0, 0, 0, null);

    public DrainReport {
        Objects.requireNonNull(phase, "phase");
    }

    public boolean finished() {
        return phase.equals("done") || phase.equals("failed");
    }
}
