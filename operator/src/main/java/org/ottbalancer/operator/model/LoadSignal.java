package org.ottbalancer.operator.model;

/**
 * What the agent's load score is built from. Lower-case constants because they are the CRD's enum
 * values and the agent's {@code AGENT_LOAD_SIGNAL} values, spelled the same in both.
 */
public enum LoadSignal {
    /** Only what the agent sees on the link: users, rooms and client message rate. */
    link,
    /**
     * The link score plus a term for the monolith's event-loop lag, scraped by the agent from the
     * monolith's Prometheus endpoint; the agent falls back to the link score while that fails.
     */
    metrics
}
