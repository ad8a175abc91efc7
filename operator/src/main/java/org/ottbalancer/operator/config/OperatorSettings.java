package org.ottbalancer.operator.config;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The operator's own configuration, from its environment (set by the Deployment that runs it).
 *
 * @param watchNamespaces namespaces whose OttClusters are reconciled; empty means all
 * @param leaderElection whether to take a Lease before reconciling, so only one replica acts
 * @param leaseName name of that Lease
 * @param leaseNamespace namespace of the Lease; empty means the client's namespace (in a pod: its own)
 * @param healthPort port of {@code /healthz}, {@code /readyz} and {@code /metrics}; 0 picks a free one
 * @param serverSideApply whether dependents are created, updated and matched with server-side apply
 * @param images the images used where a spec names none
 * @param loops timing of agent polling, registry publishing and drains
 * @param operatorPods the operator's own pods, the only ones the monolith pods' NetworkPolicy lets
 *     reach the agents' HTTP API; its namespace is {@code leaseNamespace}
 */
public record OperatorSettings(Set<String> watchNamespaces, boolean leaderElection, String leaseName,
        Optional<String> leaseNamespace, int healthPort, boolean serverSideApply, ComponentImages images,
        ControlLoopSettings loops, OperatorPods operatorPods) {

    public static final String WATCH_NAMESPACES = "WATCH_NAMESPACES";
    public static final String LEADER_ELECTION = "LEADER_ELECTION";
    public static final String LEASE_NAME = "LEADER_ELECTION_LEASE_NAME";
    public static final String LEASE_NAMESPACE = "OPERATOR_NAMESPACE";
    public static final String HEALTH_PORT = "OPERATOR_HEALTH_PORT";
    public static final String SERVER_SIDE_APPLY = "OPERATOR_SERVER_SIDE_APPLY";

    public static final String DEFAULT_LEASE_NAME = "ott-operator-leader";
    public static final int DEFAULT_HEALTH_PORT = 8080;

    private static final Pattern NAMESPACE = Pattern.compile("[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?");

    public OperatorSettings {
        watchNamespaces = Set.copyOf(watchNamespaces);
    }

    /**
     * @throws IllegalArgumentException naming the variable and the accepted values when one is invalid
     */
    public static OperatorSettings fromEnvironment(Map<String, String> env, String operatorVersion) {
        Set<String> namespaces = new LinkedHashSet<>();
        String watch = env.getOrDefault(WATCH_NAMESPACES, "");
        for (String ns : Arrays.stream(watch.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList()) {
            if (!NAMESPACE.matcher(ns).matches()) {
                throw new IllegalArgumentException(WATCH_NAMESPACES + " lists \"" + ns
                        + "\", which is not a namespace name (comma-separated names, empty for all namespaces)");
            }
            namespaces.add(ns);
        }
        int port = integer(env, HEALTH_PORT, DEFAULT_HEALTH_PORT);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException(HEALTH_PORT + " is " + port + "; must be between 0 and 65535");
        }
        String leaseNamespace = env.getOrDefault(LEASE_NAMESPACE, "").trim();
        Optional<String> ownNamespace = leaseNamespace.isEmpty() ? Optional.empty() : Optional.of(leaseNamespace);
        return new OperatorSettings(
                namespaces,
                bool(env, LEADER_ELECTION, true),
                env.getOrDefault(LEASE_NAME, DEFAULT_LEASE_NAME),
                ownNamespace,
                port,
                bool(env, SERVER_SIDE_APPLY, true),
                ComponentImages.fromEnvironment(env, operatorVersion),
                ControlLoopSettings.fromEnvironment(env),
                OperatorPods.fromEnvironment(env, ownNamespace));
    }

    private static int integer(Map<String, String> env, String name, int fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(v.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " is \"" + v + "\"; must be a whole number", e);
        }
    }

    private static boolean bool(Map<String, String> env, String name, boolean fallback) {
        String v = env.get(name);
        if (v == null || v.isBlank()) {
            return fallback;
        }
        if (v.trim().equalsIgnoreCase("true")) {
            return true;
        }
        if (v.trim().equalsIgnoreCase("false")) {
            return false;
        }
        throw new IllegalArgumentException(name + " is \"" + v + "\"; must be true or false");
    }
}
