package org.ottbalancer.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;

/** How balancers place a new room (their {@code selection_strategy} table). */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class SelectionStrategySpec {
    @Default(Defaults.SELECTION_STRATEGY_TEXT)
    @JsonPropertyDescription("MinRooms: the monolith with the fewest rooms; HashRing: consistent hashing of the room "
            + "name; Random: a uniformly random monolith.")
    private SelectionStrategy strategy;

    @Min(0)
    @Max(1000)
    @JsonPropertyDescription("HashRing only: virtual nodes per monolith (0 or absent means 1).")
    private Integer weight;

    public SelectionStrategy getStrategy() {
        return strategy;
    }

    public void setStrategy(SelectionStrategy strategy) {
        this.strategy = strategy;
    }

    public Integer getWeight() {
        return weight;
    }

    public void setWeight(Integer weight) {
        this.weight = weight;
    }
}
