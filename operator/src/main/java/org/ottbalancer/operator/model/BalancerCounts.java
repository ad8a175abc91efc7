package org.ottbalancer.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** Ready and desired balancer pods. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BalancerCounts {
    @JsonPropertyDescription("Balancer pods that are available.")
    private Integer ready;

    @JsonPropertyDescription("Balancer pods asked for (spec.balancer.replicas).")
    private Integer desired;

    public BalancerCounts() {
    }

    public BalancerCounts(Integer ready, Integer desired) {
        this.ready = ready;
        this.desired = desired;
    }

    public Integer getReady() {
        return ready;
    }

    public void setReady(Integer ready) {
        this.ready = ready;
    }

    public Integer getDesired() {
        return desired;
    }

    public void setDesired(Integer desired) {
        this.desired = desired;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof BalancerCounts b && Objects.equals(ready, b.ready) && Objects.equals(desired, b.desired);
    }

    @Override
    public int hashCode() {
        return Objects.hash(ready, desired);
    }
}
