package org.ottbalancer.operator.model;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Where a monolith's load score comes from when the operator publishes the registry. */
public enum LoadSignal {
    /** The agent's score from what it sees on the link: users, rooms and message rate. */
    @JsonProperty("link")
    LINK,
    /** The monolith's own metrics (event-loop lag), read by the agent. */
    @JsonProperty("metrics")
    METRICS
}
