package org.ottbalancer.operator.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class OperatorSettingsTest {
    @Test
    void emptyEnvironmentWatchesAllNamespacesWithLeaderElectionAndServerSideApply() {
        OperatorSettings s = OperatorSettings.fromEnvironment(Map.of(), "1.2.3");
        assertEquals(Set.of(), s.watchNamespaces());
        assertTrue(s.leaderElection());
        assertEquals("ott-operator-leader", s.leaseName());
        assertEquals(Optional.empty(), s.leaseNamespace());
        assertEquals(8080, s.healthPort());
        assertTrue(s.serverSideApply());
        assertEquals("ghcr.io/ott-balancer/ott-balancer:1.2.3", s.images().balancer());
        assertEquals("ghcr.io/ott-balancer/ott-monolith-agent:1.2.3", s.images().agent());
        assertEquals("ghcr.io/ott-balancer/ott-sample-monolith:1.2.3", s.images().monolith());
    }

    @Test
    void watchNamespacesIsACommaSeparatedList() {
        OperatorSettings s = OperatorSettings.fromEnvironment(Map.of("WATCH_NAMESPACES", " rooms, staging ,"), "1");
        assertEquals(Set.of("rooms", "staging"), s.watchNamespaces());
    }

    @Test
    void everySettingCanBeChangedFromTheEnvironment() {
        OperatorSettings s = OperatorSettings.fromEnvironment(Map.of("LEADER_ELECTION", "false",
                "LEADER_ELECTION_LEASE_NAME", "mine", "OPERATOR_NAMESPACE", "ops", "OPERATOR_HEALTH_PORT", "9000",
                "OPERATOR_SERVER_SIDE_APPLY", "FALSE", "OTT_MONOLITH_IMAGE", "mirror.example.com/ott:5"), "1");
        assertFalse(s.leaderElection());
        assertEquals("mine", s.leaseName());
        assertEquals(Optional.of("ops"), s.leaseNamespace());
        assertEquals(9000, s.healthPort());
        assertFalse(s.serverSideApply());
        assertEquals("mirror.example.com/ott:5", s.images().monolith());
    }

    @Test
    void invalidValuesAreRejectedNamingTheVariable() {
        assertEquals("WATCH_NAMESPACES lists \"Rooms\", which is not a namespace name (comma-separated names, empty for "
                + "all namespaces)", assertThrows(IllegalArgumentException.class,
                        () -> OperatorSettings.fromEnvironment(Map.of("WATCH_NAMESPACES", "Rooms"), "1")).getMessage());
        assertEquals("LEADER_ELECTION is \"yes\"; must be true or false", assertThrows(IllegalArgumentException.class,
                () -> OperatorSettings.fromEnvironment(Map.of("LEADER_ELECTION", "yes"), "1")).getMessage());
        assertEquals("OPERATOR_HEALTH_PORT is \"x\"; must be a whole number", assertThrows(IllegalArgumentException.class,
                () -> OperatorSettings.fromEnvironment(Map.of("OPERATOR_HEALTH_PORT", "x"), "1")).getMessage());
    }

    @Test
    void agentPollingAndRegistryTimingHaveDefaultsAndCanBeChanged() {
        OperatorSettings defaults = OperatorSettings.fromEnvironment(Map.of(), "1");
        assertEquals(ControlLoopSettings.DEFAULTS, defaults.loops());
        assertEquals(java.time.Duration.ofSeconds(5), defaults.loops().agentPollInterval());
        OperatorSettings s = OperatorSettings.fromEnvironment(Map.of("AGENT_POLL_INTERVAL", "2s",
                "AGENT_REQUEST_TIMEOUT", "500ms", "REGISTRY_MIN_WRITE_INTERVAL", "1m", "REGISTRY_LOAD_CHANGE", "0.5",
                "DRAINED_POD_GRACE", "2m"), "1");
        assertEquals(new ControlLoopSettings(java.time.Duration.ofSeconds(2), java.time.Duration.ofMillis(500),
                java.time.Duration.ofMinutes(1), 0.5, java.time.Duration.ofMinutes(2)), s.loops());
        assertEquals("AGENT_POLL_INTERVAL: \"often\" is not a duration such as 300s, 5m or 1h30m",
                assertThrows(IllegalArgumentException.class,
                        () -> OperatorSettings.fromEnvironment(Map.of("AGENT_POLL_INTERVAL", "often"), "1")).getMessage());
    }

    @Test
    void operatorPodsDefaultToTheChartsLabelInTheOperatorNamespace() {
        OperatorPods pods = OperatorSettings.fromEnvironment(Map.of("OPERATOR_NAMESPACE", "ott-system"), "1")
                .operatorPods();
        assertEquals(Optional.of("ott-system"), pods.namespace());
        assertEquals(Map.of("app.kubernetes.io/name", "ott-operator"), pods.labels());
    }

    @Test
    void operatorPodLabelsAreCommaSeparatedKeyValuePairs() {
        OperatorPods pods = OperatorSettings.fromEnvironment(
                Map.of("OPERATOR_POD_LABELS", "app.kubernetes.io/name=ott-operator, app.kubernetes.io/instance=prod"),
                "1").operatorPods();
        assertEquals(Map.of("app.kubernetes.io/name", "ott-operator", "app.kubernetes.io/instance", "prod"),
                pods.labels());
        assertEquals(Optional.empty(), pods.namespace());
    }

    @Test
    void malformedOperatorPodLabelsAreRejectedNamingTheVariable() {
        assertEquals("OPERATOR_POD_LABELS has \"ott-operator\"; expected comma-separated key=value labels such as "
                + "app.kubernetes.io/name=ott-operator", assertThrows(IllegalArgumentException.class,
                        () -> OperatorSettings.fromEnvironment(Map.of("OPERATOR_POD_LABELS", "ott-operator"), "1"))
                        .getMessage());
    }
}
