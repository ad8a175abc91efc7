package org.ottbalancer.protocol.agent;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import org.ottbalancer.protocol.registry.MonolithState;

/**
 * What a monolith agent reports about its monolith at {@code GET /report}: the operator polls it
 * to publish the registry, people read it to watch a drain.
 *
 * @param version format version
 * @param monolithId the monolith's id from its {@code init}; absent until a link completed a handshake
 * @param region the monolith's region from its {@code init}
 * @param state {@code active}, or {@code draining} from the moment a drain was asked for
 * @param balancerLinks balancer links currently relayed
 * @param rooms number of rooms the monolith holds
 * @param users clients across all rooms
 * @param load the load score: higher is busier (see the agent's documentation for the formula)
 * @param generatedAt when this report was made
 * @param startedAt when the agent started
 * @param roomList the rooms, busiest first
 * @param drain drain progress
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AgentReport(
        @JsonProperty(value = "version", required = true) int version,
        @JsonProperty("monolith_id") String monolithId,
        @JsonProperty("region") String region,
        @JsonProperty(value = "state", required = true) MonolithState state,
        @JsonProperty("balancer_links") int balancerLinks,
        @JsonProperty("rooms") int rooms,
        @JsonProperty("users") int users,
        @JsonProperty("load") double load,
        @JsonProperty("generated_at") Instant generatedAt,
        @JsonProperty("started_at") Instant startedAt,
        @JsonProperty("room_list") List<RoomReport> roomList,
        @JsonProperty("drain") DrainReport drain) {

    public static final int CURRENT_VERSION = 1;

    public AgentReport {
        Objects.requireNonNull(state, "state");
        roomList = roomList == null ? List.of() : List.copyOf(roomList);
        if (drain == null) {
            drain = DrainReport.IDLE;
        }
    }
}
