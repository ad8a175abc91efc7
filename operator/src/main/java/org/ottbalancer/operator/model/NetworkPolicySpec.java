package org.ottbalancer.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;

/**
 * The NetworkPolicies the operator puts in front of the cluster's pods. On by default; a cluster
 * without a policy controller ignores them, and some teams manage policies themselves.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class NetworkPolicySpec {
    @Default(Defaults.NETWORK_POLICY_ENABLED_TEXT)
    @JsonPropertyDescription("Whether the operator creates NetworkPolicies: monolith pods then accept the agent's link "
            + "port and the monolith's HTTP port only from this cluster's balancers, and the agent's HTTP API only from "
            + "the operator's pods (and metricsFrom); balancer pods accept their port from anywhere. They only take "
            + "effect where a network plugin enforces NetworkPolicies. Set false to manage policies yourself; the "
            + "operator then deletes the ones it created.")
    private Boolean enabled;

    @JsonPropertyDescription("Extra sources (NetworkPolicy peers, e.g. your Prometheus' namespace and pod labels) "
            + "allowed to reach the monolith pods' metrics ports: the agent's httpPort (/metrics) and the monolith's "
            + "httpPort (its own /metrics). Empty by default, so scrapers are blocked until listed here.")
    private List<NetworkPolicyPeer> metricsFrom;

    public Boolean getEnabled() {
        return enabled;
    }

    public void setEnabled(Boolean enabled) {
        this.enabled = enabled;
    }

    public List<NetworkPolicyPeer> getMetricsFrom() {
        return metricsFrom;
    }

    public void setMetricsFrom(List<NetworkPolicyPeer> metricsFrom) {
        this.metricsFrom = metricsFrom;
    }
}
