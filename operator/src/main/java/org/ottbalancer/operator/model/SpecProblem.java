package org.ottbalancer.operator.model;

/**
 * Something wrong with an OttCluster's spec.
 *
 * @param field the spec path, e.g. {@code spec.monolith.image}
 * @param message what is wrong and what would be right
 * @param blocking whether the operator must leave the dependent resources alone until it is fixed
 *     (a blocking problem would produce broken objects); a non-blocking one is only reported
 */
public record SpecProblem(String field, String message, boolean blocking) {
    public static SpecProblem blocking(String field, String message) {
        return new SpecProblem(field, message, true);
    }

    public static SpecProblem warning(String field, String message) {
        return new SpecProblem(field, message, false);
    }

    @Override
    public String toString() {
        return field + ": " + message;
    }
}
