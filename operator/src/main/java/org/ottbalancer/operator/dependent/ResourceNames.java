package org.ottbalancer.operator.dependent;

/**
 * Names of the resources an OttCluster owns, derived from the cluster's name so that they are
 * stable across reconciliations and predictable for people and for the balancers' discovery.
 */
public final class ResourceNames {
    /** The longest suffix that ends up in a Service name, which must fit in 63 characters. */
    public static final int LONGEST_SERVICE_SUFFIX = "-monolith".length();
    public static final int MAX_CLUSTER_NAME_LENGTH = 63 - LONGEST_SERVICE_SUFFIX;

    private ResourceNames() {
    }

    public static String balancer(String cluster) {
        return cluster + "-balancer";
    }

    public static String monolith(String cluster) {
        return cluster + "-monolith";
    }

    public static String registry(String cluster) {
        return cluster + "-registry";
    }

    public static String registryReader(String cluster) {
        return cluster + "-registry-reader";
    }

    public static String monolithPolicy(String cluster) {
        return cluster + "-monolith-ingress";
    }

    public static String balancerPolicy(String cluster) {
        return cluster + "-balancer-ingress";
    }

    public static String drainToken(String cluster) {
        return cluster + "-drain-token";
    }
}
