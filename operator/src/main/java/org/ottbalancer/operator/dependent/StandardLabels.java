package org.ottbalancer.operator.dependent;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code app.kubernetes.io/*} labels on everything an OttCluster owns. The operator's informers
 * select on {@code managed-by} and {@code component}, so they cache only the operator's own objects.
 */
public final class StandardLabels {
    public static final String NAME = "app.kubernetes.io/name";
    public static final String INSTANCE = "app.kubernetes.io/instance";
    public static final String COMPONENT = "app.kubernetes.io/component";
    public static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    public static final String PART_OF = "app.kubernetes.io/part-of";

    public static final String APP_NAME = "ott-balancer";
    public static final String OPERATOR_NAME = "ott-operator";

    public static final String BALANCER = "balancer";
    public static final String MONOLITH = "monolith";
    public static final String REGISTRY = "registry";

    static final String MANAGED = MANAGED_BY + "=" + OPERATOR_NAME;
    /** Informer selectors: compile-time constants for {@code @Informer(labelSelector = ...)}. */
    static final String BALANCER_SELECTOR = MANAGED + "," + COMPONENT + "=" + BALANCER;
    public static final String MONOLITH_SELECTOR = MANAGED + "," + COMPONENT + "=" + MONOLITH;
    static final String REGISTRY_SELECTOR = MANAGED + "," + COMPONENT + "=" + REGISTRY;

    private StandardLabels() {
    }

    /** All standard labels of one component's objects. */
    public static Map<String, String> of(String cluster, String component) {
        Map<String, String> labels = selector(cluster, component);
        labels.put(MANAGED_BY, OPERATOR_NAME);
        labels.put(PART_OF, APP_NAME);
        return labels;
    }

    /** The subset that selects a component's pods; never changes, as Deployment selectors are immutable. */
    public static Map<String, String> selector(String cluster, String component) {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(NAME, APP_NAME);
        labels.put(INSTANCE, cluster);
        labels.put(COMPONENT, component);
        return labels;
    }

    /** A selector in the {@code k=v,k=v} form of a scale subresource's {@code status.selector}. */
    public static String selectorString(String cluster, String component) {
        return selector(cluster, component).entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(","));
    }

    /** The user's extra pod labels under the standard ones, which win on a clash. */
    public static Map<String, String> podLabels(String cluster, String component, Map<String, String> extra) {
        Map<String, String> labels = new LinkedHashMap<>();
        if (extra != null) {
            labels.putAll(extra);
        }
        labels.putAll(of(cluster, component));
        return labels;
    }
}
