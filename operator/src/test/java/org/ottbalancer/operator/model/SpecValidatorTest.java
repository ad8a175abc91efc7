package org.ottbalancer.operator.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ottbalancer.operator.testing.Clusters;

class SpecValidatorTest {
    private static List<String> problems(OttCluster c) {
        return SpecValidator.validate(c).stream().map(SpecProblem::toString).toList();
    }

    @Test
    void emptySpecHasNoProblems() {
        assertEquals(List.of(), problems(Clusters.empty("ns", "ott")));
    }

    @Test
    void imageReferencesMustBeWellFormed() {
        assertEquals(true, ImageReference.isValid("ghcr.io/ott-balancer/ott-balancer:0.1.0-SNAPSHOT"));
        assertEquals(true, ImageReference.isValid("localhost:5000/ott@sha256:" + "a".repeat(64)));
        assertEquals(true, ImageReference.isValid("redis"));
        assertEquals(false, ImageReference.isValid("Ott/Server"));
        assertEquals(false, ImageReference.isValid("ott server"));
        assertEquals(false, ImageReference.isValid("ott:"));
    }

    @Test
    void portsSharedInsideTheMonolithPodAreRejected() {
        OttCluster c = Clusters.empty("ns", "ott");
        AgentSpec a = new AgentSpec();
        a.setHttpPort(9091);
        c.getSpec().setAgent(a);
        assertEquals(List.of("spec.agent.httpPort: is 9091, the same port as the agent's preStop listener; the monolith "
                + "and its agent share the pod's network"), problems(c));
    }

    @Test
    void loadMetricMustBeAPrometheusMetricName() {
        OttCluster c = Clusters.empty("ns", "ott");
        AgentSpec a = new AgentSpec();
        a.setLoadMetric("event loop lag");
        c.getSpec().setAgent(a);
        assertEquals(List.of("spec.agent.loadMetric: \"event loop lag\" is not a Prometheus metric name such as "
                + "nodejs_eventloop_lag_seconds"), problems(c));
    }

    @Test
    void monolithEnvMayNotSetTheVariablesTheOperatorDerives() {
        OttCluster c = Clusters.empty("ns", "ott");
        MonolithSpec m = new MonolithSpec();
        m.setEnv(List.of(new EnvVarBuilder().withName("BALANCING_PORT").withValue("1").build()));
        c.getSpec().setMonolith(m);
        assertEquals(List.of("spec.monolith.env: sets BALANCING_PORT, which the operator derives from the spec "
                + "(httpPort, balancingPort, region)"), problems(c));
    }

    @Test
    void drainDeadlineMustBeADurationBetweenASecondAndADay() {
        OttCluster c = Clusters.empty("ns", "ott");
        DrainSpec d = new DrainSpec();
        d.setDeadline("five minutes");
        c.getSpec().setDrain(d);
        assertEquals(List.of("spec.drain.deadline: \"five minutes\" is not a duration such as 300s, 5m or 1h30m"),
                problems(c));
        d.setDeadline("25h");
        assertEquals(List.of("spec.drain.deadline: \"25h\" must be between 1s and 24h"), problems(c));
    }

    @Test
    void namesTooLongForTheServicesAreRejected() {
        String name = "a".repeat(55);
        assertEquals(List.of("metadata.name: is 55 characters long; at most 54 fit, since the Services are named "
                + "<name>-balancer and <name>-monolith"), problems(Clusters.empty("ns", name)));
    }

    @Test
    void emptyPreStopCommandIsRejected() {
        OttCluster c = Clusters.empty("ns", "ott");
        MonolithSpec m = new MonolithSpec();
        m.setPreStopCommand(List.of());
        c.getSpec().setMonolith(m);
        assertEquals(List.of("spec.monolith.preStopCommand: must name a program to run; leave it out to use the "
                + "default drain script"), problems(c));
    }

    @Test
    void zeroBalancersWithMonolithsIsOnlyAWarning() {
        OttCluster c = Clusters.withMonoliths("ns", "ott", 3);
        BalancerSpec b = new BalancerSpec();
        b.setReplicas(0);
        c.getSpec().setBalancer(b);
        List<SpecProblem> found = SpecValidator.validate(c);
        assertEquals(1, found.size());
        assertEquals(false, found.get(0).blocking());
    }

    @Test
    void metricsFromPeersMustSelectSomethingTheApiServerAccepts() {
        OttCluster c = Clusters.empty("ns", "ott");
        NetworkPolicySpec np = new NetworkPolicySpec();
        np.setMetricsFrom(java.util.Arrays.asList(
                new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer(),
                new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder()
                        .withNewIpBlock().withCidr("10.0.0.0/8").endIpBlock()
                        .withNewPodSelector().addToMatchLabels("app", "prometheus").endPodSelector().build(),
                null,
                new io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeerBuilder()
                        .withNewNamespaceSelector().addToMatchLabels("kubernetes.io/metadata.name", "monitoring")
                        .endNamespaceSelector().build()));
        c.getSpec().setNetworkPolicy(np);
        assertEquals(List.of(
                "spec.networkPolicy.metricsFrom[0]: must have a podSelector, a namespaceSelector or an ipBlock",
                "spec.networkPolicy.metricsFrom[1]: cannot combine an ipBlock with selectors",
                "spec.networkPolicy.metricsFrom[2]: must have a podSelector, a namespaceSelector or an ipBlock"),
                problems(c));
    }
}
