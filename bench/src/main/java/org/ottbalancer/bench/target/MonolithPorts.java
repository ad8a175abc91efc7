package org.ottbalancer.bench.target;

/**
 * Where one monolith of the monolith host listens, as announced on its ready line.
 *
 * @param http the client endpoint (HTTP and room WebSockets): what direct clients and nginx use
 * @param balancing the monolith's balancer-link endpoint
 * @param agentLink the link endpoint of the monolith agent in front of it, 0 without agents
 * @param agentHttp the agent's HTTP endpoint (drain), 0 without agents
 */
public record MonolithPorts(int http, int balancing, int agentLink, int agentHttp) {

    /**
     * The port the balancer must link to: the agent's when there is one, since the agent relays the
     * link and is what a drain goes through; otherwise the monolith's own.
     */
    public int linkPort() {
        return agentLink > 0 ? agentLink : balancing;
    }
}
