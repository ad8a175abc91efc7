package org.ottbalancer.operator.status;

/**
 * What one condition should say now. {@code lastTransitionTime} is not part of it: the
 * {@link Conditions} aggregator keeps it unless {@code status} actually changes.
 */
public record ConditionUpdate(ConditionType type, boolean status, String reason, String message) {
    public static ConditionUpdate isTrue(ConditionType type, String reason, String message) {
        return new ConditionUpdate(type, true, reason, message);
    }

    public static ConditionUpdate isFalse(ConditionType type, String reason, String message) {
        return new ConditionUpdate(type, false, reason, message);
    }
}
