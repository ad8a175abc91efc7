package org.ottbalancer.operator.drain;

/** How a victim's drain ended; the value of its {@link DrainAnnotations#OUTCOME} annotation. */
public enum DrainOutcome {
    /** The agent reported {@code done}: the monolith holds no room. */
    DONE("done"),
    /** The agent reported {@code failed}: its deadline passed with rooms left (they reload elsewhere from their saved state). */
    FAILED("failed"),
    /** The operator's deadline passed without the agent reporting an end (agent unreachable or stuck). */
    DEADLINE_EXCEEDED("deadline-exceeded");

    private final String annotation;

    DrainOutcome(String annotation) {
        this.annotation = annotation;
    }

    public String annotation() {
        return annotation;
    }
}
