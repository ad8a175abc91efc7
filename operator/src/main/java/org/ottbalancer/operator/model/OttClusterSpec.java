package org.ottbalancer.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;

/** Desired state of an OTT cluster. Every part is optional: {@code spec: {}} is a working cluster. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OttClusterSpec {
    @JsonPropertyDescription("The monoliths that hold the rooms.")
    private MonolithSpec monolith;

    @JsonPropertyDescription("The agent sidecar beside each monolith.")
    private AgentSpec agent;

    @JsonPropertyDescription("The balancers in front of the monoliths.")
    private BalancerSpec balancer;

    @JsonPropertyDescription("How monoliths are drained before they stop.")
    private DrainSpec drain;

    @JsonPropertyDescription("NetworkPolicies in front of the monolith and balancer pods.")
    private NetworkPolicySpec networkPolicy;

    public MonolithSpec getMonolith() {
        return monolith;
    }

    public void setMonolith(MonolithSpec monolith) {
        this.monolith = monolith;
    }

    public AgentSpec getAgent() {
        return agent;
    }

    public void setAgent(AgentSpec agent) {
        this.agent = agent;
    }

    public BalancerSpec getBalancer() {
        return balancer;
    }

    public void setBalancer(BalancerSpec balancer) {
        this.balancer = balancer;
    }

    public DrainSpec getDrain() {
        return drain;
    }

    public void setDrain(DrainSpec drain) {
        this.drain = drain;
    }

    public NetworkPolicySpec getNetworkPolicy() {
        return networkPolicy;
    }

    public void setNetworkPolicy(NetworkPolicySpec networkPolicy) {
        this.networkPolicy = networkPolicy;
    }
}
