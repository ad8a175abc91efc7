package org.ottbalancer.operator.config;

import java.time.Duration;
import java.util.Map;

/**
 * Timing of the operator's own loops around the agents: how often their reports are fetched, how long
 * a request may take, and how eagerly load changes reach the registry.
 *
 * @param agentPollInterval how often every monolith's agent is asked for its report (and, while it
 *     drains, for its drain progress); also how often a running drain is re-examined
 * @param agentRequestTimeout connect and response timeout of one agent request
 * @param registryMinWriteInterval at most one registry write per this interval for load changes;
 *     membership and state changes are written at once
 * @param registryLoadChange relative load change (0.2 = 20 %) that makes a load worth publishing
 * @param drainedPodGrace how long a drained pod may outlive the replica decrease that was meant to
 *     remove it before the operator deletes it itself (the ReplicaSet controller removed another pod)
 */
public record ControlLoopSettings(Duration agentPollInterval, Duration agentRequestTimeout,
        Duration registryMinWriteInterval, double registryLoadChange, Duration drainedPodGrace) {

    public static final String AGENT_POLL_INTERVAL = "AGENT_POLL_INTERVAL";
    public static final String AGENT_REQUEST_TIMEOUT = "AGENT_REQUEST_TIMEOUT";
    public static final String REGISTRY_MIN_WRITE_INTERVAL = "REGISTRY_MIN_WRITE_INTERVAL";
    public static final String REGISTRY_LOAD_CHANGE = "REGISTRY_LOAD_CHANGE";
    public static final String DRAINED_POD_GRACE = "DRAINED_POD_GRACE";

    public static final ControlLoopSettings DEFAULTS = new ControlLoopSettings(Duration.ofSeconds(5),
            Duration.ofSeconds(2), Duration.ofSeconds(10), 0.2, Duration.ofSeconds(60));

    public ControlLoopSettings {
        positive(AGENT_POLL_INTERVAL, agentPollInterval);
        positive(AGENT_REQUEST_TIMEOUT, agentRequestTimeout);
        if (registryMinWriteInterval == null || registryMinWriteInterval.isNegative()) {
            throw new IllegalArgumentException(REGISTRY_MIN_WRITE_INTERVAL + " must not be negative");
        }
        if (!(registryLoadChange >= 0 && registryLoadChange <= 10)) {
            throw new IllegalArgumentException(REGISTRY_LOAD_CHANGE + " is " + registryLoadChange
                    + "; must be a fraction between 0 and 10 (0.2 = 20 %)");
        }
        positive(DRAINED_POD_GRACE, drainedPodGrace);
    }

    /**
     * @throws IllegalArgumentException naming the variable when one is not a duration or out of range
     */
    public static ControlLoopSettings fromEnvironment(Map<String, String> env) {
        return new ControlLoopSettings(
                duration(env, AGENT_POLL_INTERVAL, DEFAULTS.agentPollInterval),
                duration(env, AGENT_REQUEST_TIMEOUT, DEFAULTS.agentRequestTimeout),
                duration(env, REGISTRY_MIN_WRITE_INTERVAL, DEFAULTS.registryMinWriteInterval),
                fraction(env, REGISTRY_LOAD_CHANGE, DEFAULTS.registryLoadChange),
                duration(env, DRAINED_POD_GRACE, DEFAULTS.drainedPodGrace));
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration such as 5s");
        }
    }

    private static Duration duration(Map<String, String> env, String name, Duration fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return DurationText.parse(v.trim());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
    }

    private static double fraction(Map<String, String> env, String name, double fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Double.parseDouble(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is \"" + v + "\"; must be a number such as 0.2", e);
        }
    }
}
