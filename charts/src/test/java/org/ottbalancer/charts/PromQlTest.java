package org.ottbalancer.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Set;
import org.junit.jupiter.api.Test;

class PromQlTest {
    @Test
    void readsTheMetricInsideFunctionsMatchersAndRanges() {
        assertEquals(Set.of("balancer_migration_move_seconds_bucket"), PromQl.metricNames(
                "histogram_quantile(0.95, sum by (le, monolith_id) (rate(balancer_migration_move_seconds_bucket"
                        + "{namespace=~\"$namespace\"}[$__rate_interval])))"));
    }

    @Test
    void readsBothSidesOfABinaryOperationAndSkipsVectorMatching() {
        assertEquals(Set.of("agent_drain_rooms_remaining", "agent_draining"), PromQl.metricNames(
                "max by (pod) (agent_drain_rooms_remaining) and on (namespace, pod) (max by (pod) (agent_draining) == 1)"));
    }

    @Test
    void readsTheMetricOfAGrafanaLabelValuesQuery() {
        assertEquals(Set.of("balancer_clients"), PromQl.metricNames("label_values(balancer_clients, namespace)"));
    }
}
