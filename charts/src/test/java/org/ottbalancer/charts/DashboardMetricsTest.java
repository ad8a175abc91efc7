package org.ottbalancer.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The Grafana dashboard queries only metrics the components really export: every metric name in
 * its panel and variable queries appears in a scrape of a running balancer, monolith agent, sample
 * monolith or operator.
 */
class DashboardMetricsTest {

    private static JsonNode dashboard() throws IOException {
        return new ObjectMapper().readTree(ChartFiles.DASHBOARD.toFile());
    }

    /** Query text by where it is used ("panel title / refId" or "variable name"). */
    private static Map<String, String> queries(JsonNode dashboard) {
        Map<String, String> queries = new TreeMap<>();
        for (JsonNode panel : dashboard.path("panels")) {
            for (JsonNode target : panel.path("targets")) {
                queries.put(panel.path("title").asText() + " / " + target.path("refId").asText(),
                        target.path("expr").asText());
            }
        }
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if (variable.path("type").asText().equals("query")) {
                JsonNode q = variable.path("query");
                queries.put("variable " + variable.path("name").asText(), q.isObject() ? q.path("query").asText() : q.asText());
            }
        }
        return queries;
    }

    @Test
    void everyQueriedMetricIsExportedByARunningComponent() throws Exception {
        Set<String> exported = RunningComponents.exportedMetricNames();
        List<String> unknown = new ArrayList<>();
        queries(dashboard()).forEach((where, expr) -> {
            for (String metric : PromQl.metricNames(expr)) {
                if (!exported.contains(metric)) {
                    unknown.add(metric + " (" + where + ")");
                }
            }
        });
        assertTrue(unknown.isEmpty(), () -> "not exported: " + unknown + "\nexported: " + exported);
    }

    @Test
    void dashboardCoversClientsRoomsMigrationsDrainsAndLatencies() throws IOException {
        Set<String> queried = new TreeSet<>();
        queries(dashboard()).values().forEach(expr -> queried.addAll(PromQl.metricNames(expr)));
        for (String metric : List.of("balancer_clients", "agent_rooms", "balancer_migration_rooms_total",
                "agent_drain_rooms_remaining", "balancer_migration_move_seconds_bucket",
                "operator_sdk_reconciliations_started_total")) {
            assertTrue(queried.contains(metric), metric + " is on the dashboard");
        }
    }

    @Test
    void everyPanelQueryUsesTheDataSourceVariable() throws IOException {
        JsonNode dashboard = dashboard();
        assertEquals("ott-balancer", dashboard.path("uid").asText());
        for (JsonNode panel : dashboard.path("panels")) {
            if (!panel.path("type").asText().equals("row")) {
                assertEquals("${datasource}", panel.path("datasource").path("uid").asText(), panel.path("title").asText());
                assertFalse(panel.path("targets").isEmpty(), panel.path("title").asText() + " has queries");
            }
        }
    }
}
