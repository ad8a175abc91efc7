package org.ottbalancer.protocol.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * One monolith in the registry: where a balancer dials its link, and whether it takes new rooms.
 *
 * @param id the monolith's id if known (it is also learned from the link's {@code init})
 * @param pod the Kubernetes pod name, if any; informational
 * @param host IP literal or host name of the link endpoint
 * @param port link port (the agent's port when an agent sits in the path)
 * @param region the monolith's region, if known
 * @param state {@code active} or {@code draining}
 * @param load a load score, higher is busier; used by load-aware placement; absent when unknown
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MonolithEntry(
        @JsonProperty("id") String id,
        @JsonProperty("pod") String pod,
        @JsonProperty(value = "host", required = true) String host,
        @JsonProperty(value = "port", required = true) int port,
        @JsonProperty("region") String region,
        @JsonProperty("state") MonolithState state,
        @JsonProperty("load") Double load) {

    public MonolithEntry {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("monolith host must not be empty");
        }
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("monolith port " + port + " is not in 1..65535");
        }
        if (state == null) {
            state = MonolithState.ACTIVE;
        }
        if (load != null && (load.isNaN() || load < 0)) {
            throw new IllegalArgumentException("monolith load must be a non-negative number, got " + load);
        }
    }

    public static MonolithEntry active(String host, int port) {
        return new MonolithEntry(null, null, host, port, null, MonolithState.ACTIVE, null);
    }

    public boolean isDraining() {
        return state == MonolithState.DRAINING;
    }

    /** The {@code host:port} endpoint, with IPv6 literals in brackets. */
    public String endpoint() {
        return (host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host) + ":" + port;
    }

    /** The endpoint in the form used to detect duplicates: host names compare case-insensitively. */
    public String endpointKey() {
        return endpoint().toLowerCase(java.util.Locale.ROOT);
    }
}
