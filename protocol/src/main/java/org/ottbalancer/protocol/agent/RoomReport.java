package org.ottbalancer.protocol.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * One room held by the monolith, as its agent sees it on the monolith's links.
 *
 * @param name the room name as the monolith spells it
 * @param loadEpoch the epoch the monolith reported for it, if it reported one
 * @param clients clients in the room across all balancer links
 * @param messagesPerSecond client messages per second, averaged over the last minute
 * @param lastClientMessage when a client last sent the room a message; absent if never
 * @param phase where the room is in a drain: {@code serving}, {@code frozen} (waiting to settle),
 *     {@code unloading} (unload sent, waiting for {@code unloaded})
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RoomReport(
        @JsonProperty(value = "name", required = true) String name,
        @JsonProperty("load_epoch") Long loadEpoch,
        @JsonProperty("clients") int clients,
        @JsonProperty("messages_per_second") double messagesPerSecond,
        @JsonProperty("last_client_message") Instant lastClientMessage,
        @JsonProperty("phase") String phase) {

    public RoomReport {
        Objects.requireNonNull(name, "name");
        if (phase == null) {
            phase = "serving";
        }
    }
}
