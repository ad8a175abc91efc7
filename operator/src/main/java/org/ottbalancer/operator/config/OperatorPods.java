package org.ottbalancer.operator.config;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Where the operator's own pods run and how they are labelled: the monolith pods' NetworkPolicy lets
 * only these pods reach the agents' HTTP API ({@code /report}, {@code /drain}).
 *
 * @param namespace the operator's namespace; empty when it is unknown (outside a cluster without a
 *     kubeconfig namespace), in which case the policy names pods of the OttCluster's own namespace
 * @param labels labels every operator pod carries
 */
public record OperatorPods(Optional<String> namespace, Map<String, String> labels) {
    public static final String POD_LABELS = "OPERATOR_POD_LABELS";
    /** The label the Helm chart gives the operator's pods. */
    public static final String DEFAULT_POD_LABELS = "app.kubernetes.io/name=ott-operator";

    private static final Pattern LABEL_KEY =
            Pattern.compile("([a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?/)?[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?");
    private static final Pattern LABEL_VALUE = Pattern.compile("([A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?)?");

    public OperatorPods {
        labels = Map.copyOf(labels);
        if (labels.isEmpty()) {
            throw new IllegalArgumentException("the operator's pods need at least one label to be selected by");
        }
    }

    /**
     * @param namespace the operator's namespace as its settings know it ({@code OPERATOR_NAMESPACE})
     * @throws IllegalArgumentException naming {@value #POD_LABELS} when its value is not {@code k=v,k=v}
     */
    public static OperatorPods fromEnvironment(Map<String, String> env, Optional<String> namespace) {
        String text = env.getOrDefault(POD_LABELS, "").trim();
        return new OperatorPods(namespace, parseLabels(text.isEmpty() ? DEFAULT_POD_LABELS : text));
    }

    static Map<String, String> parseLabels(String text) {
        Map<String, String> labels = new LinkedHashMap<>();
        for (String pair : text.split(",")) {
            String p = pair.trim();
            int eq = p.indexOf('=');
            String key = eq < 0 ? "" : p.substring(0, eq).trim();
            String value = eq < 0 ? "" : p.substring(eq + 1).trim();
            if (eq < 0 || !LABEL_KEY.matcher(key).matches() || !LABEL_VALUE.matcher(value).matches()) {
                throw new IllegalArgumentException(POD_LABELS + " has \"" + p
                        + "\"; expected comma-separated key=value labels such as " + DEFAULT_POD_LABELS);
            }
            labels.put(key, value);
        }
        return labels;
    }

    /** The same pods in another namespace, once the operator learnt where it runs. */
    public OperatorPods inNamespace(String ns) {
        return new OperatorPods(Optional.ofNullable(ns).filter(s -> !s.isBlank()), labels);
    }
}
