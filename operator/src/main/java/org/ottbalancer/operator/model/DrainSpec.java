package org.ottbalancer.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;

/** How monoliths are emptied before they stop: on scale-down, rollouts and evictions. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class DrainSpec {
    /** Go-style durations limited to whole units: {@code 300s}, {@code 5m}, {@code 1h30m}, {@code 1500ms}. */
    public static final String DURATION_PATTERN = "^([0-9]+(ms|s|m|h))+$";

    @Pattern(DURATION_PATTERN)
    @Default(Defaults.DRAIN_DEADLINE)
    @JsonPropertyDescription("How long one monolith's drain may take, e.g. 300s or 5m. The agent gives up after it, "
            + "and the monolith pods' terminationGracePeriodSeconds is this plus a 30 s margin.")
    private String deadline;

    @Min(1)
    @Max(100)
    @Default(Defaults.DRAIN_PACE_TEXT)
    @JsonPropertyDescription("Most monoliths drained at the same time on scale-down.")
    private Integer pace;

    @Default(Defaults.VICTIM_POLICY_TEXT)
    @JsonPropertyDescription("Which monolith is drained first on scale-down: FewestUsers, FewestRooms, Oldest or Newest.")
    private VictimPolicy victimPolicy;

    public String getDeadline() {
        return deadline;
    }

    public void setDeadline(String deadline) {
        this.deadline = deadline;
    }

    public Integer getPace() {
        return pace;
    }

    public void setPace(Integer pace) {
        this.pace = pace;
    }

    public VictimPolicy getVictimPolicy() {
        return victimPolicy;
    }

    public void setVictimPolicy(VictimPolicy victimPolicy) {
        this.victimPolicy = victimPolicy;
    }
}
