package org.ottbalancer.e2e.cluster;

import org.ottbalancer.agent.MonolithAgent;
import org.ottbalancer.agent.config.AgentConfig;
import org.ottbalancer.monolith.SampleMonolith;
import org.ottbalancer.monolith.config.MonolithConfig;
import org.ottbalancer.monolith.store.RoomStore;
import org.ottbalancer.protocol.registry.MonolithEntry;

/**
 * One sample monolith with its agent in front, as a pod would run them: balancers dial the
 * agent's link port, the agent relays to the monolith's balancing port.
 */
public final class MonolithNode implements AutoCloseable {
    private final int number;
    private final SampleMonolith monolith;
    private final MonolithAgent agent;

    private MonolithNode(int number, SampleMonolith monolith, MonolithAgent agent) {
        this.number = number;
        this.monolith = monolith;
        this.agent = agent;
    }

    /**
     * Starts the monolith, then its agent pointed at the monolith's bound balancing port.
     *
     * @param agent the agent's settings; its monolith address is filled in here
     */
    public static MonolithNode start(int number, MonolithConfig monolithConfig, RoomStore store, AgentConfig.Builder agent) {
        SampleMonolith m = SampleMonolith.start(monolithConfig, store);
        try {
            MonolithAgent a = MonolithAgent.start(agent.monolith("127.0.0.1", m.balancingPort()).build());
            return new MonolithNode(number, m, a);
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }

    /** 1-based, for people reading logs and printed commands. */
    public int number() {
        return number;
    }

    public SampleMonolith monolith() {
        return monolith;
    }

    public MonolithAgent agent() {
        return agent;
    }

    /** The registry entry balancers dial: the agent's link port. */
    public MonolithEntry registryEntry() {
        return new MonolithEntry(null, "monolith-" + number, "127.0.0.1", agent.linkPort(), null, null, null);
    }

    /** Closes the agent (it drains first only if configured to), then the monolith. */
    @Override
    public void close() {
        try {
            agent.close();
        } finally {
            monolith.close();
        }
    }

    @Override
    public String toString() {
        return "monolith " + number + " (" + monolith.id() + ")";
    }
}
