package org.ottbalancer.operator.dependent;

/** Named container and Service ports, so probes and Services refer to ports by role, not number. */
public final class PortNames {
    /** Browser-facing port of a balancer; HTTP port of a monolith. */
    public static final String HTTP = "http";
    /** The agent's link port that balancers dial. */
    public static final String LINK = "link";
    /** The agent's HTTP API. */
    public static final String AGENT_HTTP = "agent-http";

    private PortNames() {
    }
}
