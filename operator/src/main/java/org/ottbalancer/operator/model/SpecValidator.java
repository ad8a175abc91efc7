package org.ottbalancer.operator.model;

import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.ottbalancer.operator.config.DurationText;

/**
 * Checks an OttCluster's spec beyond what the CRD's OpenAPI schema can say (port clashes inside a
 * pod, reserved variables), and repeats the schema's checks, since an API server with an older CRD
 * (or without validation) lets anything through. Every problem becomes part of the Degraded
 * condition instead of an exception: a bad spec must never put the operator into a retry loop.
 */
public final class SpecValidator {
    /** Variables of the monolith container that the operator derives from the spec. */
    public static final Set<String> RESERVED_MONOLITH_ENV = Set.of("PORT", "BALANCING_ENABLED", "BALANCING_PORT",
            "BALANCING_REGION");
    /** terminationGracePeriodSeconds must stay sane; a day is far more than any drain needs. */
    public static final Duration MAX_DRAIN_DEADLINE = Duration.ofHours(24);

    private static final Pattern REGION = Pattern.compile("[-a-zA-Z0-9_.]{1,63}");
    private static final Pattern DNS_SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9.]*[a-z0-9])?");
    private static final Pattern SECRET_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

    private SpecValidator() {
    }

    public static List<SpecProblem> validate(OttCluster cluster) {
        List<SpecProblem> problems = new ArrayList<>();
        String name = cluster.getMetadata().getName();
        int maxName = 63 - "-monolith".length();
        if (name != null && name.length() > maxName) {
            problems.add(SpecProblem.blocking("metadata.name", "is " + name.length() + " characters long; at most "
                    + maxName + " fit, since the Services are named <name>-balancer and <name>-monolith"));
        }
        OttClusterSpec spec = cluster.getSpec() == null ? new OttClusterSpec() : cluster.getSpec();
        MonolithSpec m = spec.getMonolith() == null ? new MonolithSpec() : spec.getMonolith();
        AgentSpec a = spec.getAgent() == null ? new AgentSpec() : spec.getAgent();
        BalancerSpec b = spec.getBalancer() == null ? new BalancerSpec() : spec.getBalancer();
        DrainSpec d = spec.getDrain() == null ? new DrainSpec() : spec.getDrain();

        image(problems, "spec.monolith.image", m.getImage());
        image(problems, "spec.agent.image", a.getImage());
        image(problems, "spec.balancer.image", b.getImage());
        count(problems, "spec.monolith.replicas", m.getReplicas(), 0, 1000);
        count(problems, "spec.balancer.replicas", b.getReplicas(), 0, 1000);
        count(problems, "spec.drain.pace", d.getPace(), 1, 100);
        count(problems, "spec.balancer.selectionStrategy.weight",
                b.getSelectionStrategy() == null ? null : b.getSelectionStrategy().getWeight(), 0, 1000);
        region(problems, "spec.monolith.region", m.getRegion());
        region(problems, "spec.balancer.region", b.getRegion());
        podPorts(problems, m, a);
        port(problems, "spec.balancer.port", b.getPort());
        port(problems, "spec.balancer.service.port", b.getService() == null ? null : b.getService().getPort());
        drainDeadline(problems, d.getDeadline());
        reservedEnv(problems, m.getEnv());
        if (m.getPreStopCommand() != null && (m.getPreStopCommand().isEmpty()
                || m.getPreStopCommand().get(0) == null || m.getPreStopCommand().get(0).isBlank())) {
            problems.add(SpecProblem.blocking("spec.monolith.preStopCommand",
                    "must name a program to run; leave it out to use the default drain script"));
        }
        if (m.getProbePath() != null && !m.getProbePath().startsWith("/")) {
            problems.add(SpecProblem.blocking("spec.monolith.probePath",
                    "\"" + m.getProbePath() + "\" must be an absolute path such as /api/status"));
        }
        apiKeyRef(problems, b.getApiKeySecretRef());
        metricsFrom(problems, spec.getNetworkPolicy() == null ? null : spec.getNetworkPolicy().getMetricsFrom());
        if (a.getLoadMetric() != null && !a.getLoadMetric().matches(Defaults.PROMETHEUS_METRIC_NAME_PATTERN)) {
            problems.add(SpecProblem.blocking("spec.agent.loadMetric", "\"" + a.getLoadMetric()
                    + "\" is not a Prometheus metric name such as nodejs_eventloop_lag_seconds"));
        }

        int monoliths = m.getReplicas() == null ? Defaults.MONOLITH_REPLICAS : m.getReplicas();
        int balancers = b.getReplicas() == null ? Defaults.BALANCER_REPLICAS : b.getReplicas();
        if (balancers == 0 && monoliths > 0) {
            problems.add(SpecProblem.warning("spec.balancer.replicas", "is 0 while " + monoliths
                    + " monolith(s) run: no balancer routes users to them"));
        }
        return problems;
    }

    private static void image(List<SpecProblem> problems, String field, String image) {
        if (image != null && !ImageReference.isValid(image)) {
            problems.add(SpecProblem.blocking(field, "\"" + image
                    + "\" is not a valid image reference (expected [registry/]name[:tag][@sha256:digest], lower-case name)"));
        }
    }

    private static void count(List<SpecProblem> problems, String field, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            problems.add(SpecProblem.blocking(field, "is " + value + "; must be between " + min + " and " + max));
        }
    }

    private static void port(List<SpecProblem> problems, String field, Integer value) {
        count(problems, field, value, 1, 65535);
    }

    private static void region(List<SpecProblem> problems, String field, String region) {
        if (region != null && !REGION.matcher(region).matches()) {
            problems.add(SpecProblem.blocking(field, "\"" + region
                    + "\" must be 1 to 63 letters, digits, '-', '_' or '.'"));
        }
    }

    /** The monolith, the agent and the agent's loopback preStop listener share one network namespace. */
    private static void podPorts(List<SpecProblem> problems, MonolithSpec m, AgentSpec a) {
        Map<String, Integer> ports = new LinkedHashMap<>();
        ports.put("spec.monolith.httpPort", m.getHttpPort() == null ? Defaults.MONOLITH_HTTP_PORT : m.getHttpPort());
        ports.put("spec.monolith.balancingPort",
                m.getBalancingPort() == null ? Defaults.MONOLITH_BALANCING_PORT : m.getBalancingPort());
        ports.put("spec.agent.linkPort", a.getLinkPort() == null ? Defaults.AGENT_LINK_PORT : a.getLinkPort());
        ports.put("spec.agent.httpPort", a.getHttpPort() == null ? Defaults.AGENT_HTTP_PORT : a.getHttpPort());
        ports.forEach((field, value) -> port(problems, field, value));
        Map<Integer, String> seen = new LinkedHashMap<>();
        seen.put(Defaults.AGENT_PRESTOP_PORT, "the agent's preStop listener");
        for (Map.Entry<String, Integer> e : ports.entrySet()) {
            String other = seen.putIfAbsent(e.getValue(), e.getKey());
            if (other != null) {
                problems.add(SpecProblem.blocking(e.getKey(), "is " + e.getValue() + ", the same port as " + other
                        + "; the monolith and its agent share the pod's network"));
            }
        }
    }

    private static void drainDeadline(List<SpecProblem> problems, String deadline) {
        if (deadline == null) {
            return;
        }
        try {
            Duration d = DurationText.parse(deadline);
            if (d.compareTo(Duration.ofSeconds(1)) < 0 || d.compareTo(MAX_DRAIN_DEADLINE) > 0) {
                problems.add(SpecProblem.blocking("spec.drain.deadline", "\"" + deadline
                        + "\" must be between 1s and 24h"));
            }
        } catch (IllegalArgumentException e) {
            problems.add(SpecProblem.blocking("spec.drain.deadline", e.getMessage()));
        }
    }

    private static void reservedEnv(List<SpecProblem> problems, List<EnvVar> env) {
        if (env == null) {
            return;
        }
        for (EnvVar v : env) {
            if (v != null && RESERVED_MONOLITH_ENV.contains(v.getName())) {
                problems.add(SpecProblem.blocking("spec.monolith.env", "sets " + v.getName()
                        + ", which the operator derives from the spec (httpPort, balancingPort, region)"));
            }
        }
    }

    /** The API server rejects a NetworkPolicy with such a peer; say so here instead of failing every retry. */
    private static void metricsFrom(List<SpecProblem> problems, List<NetworkPolicyPeer> peers) {
        if (peers == null) {
            return;
        }
        for (int i = 0; i < peers.size(); i++) {
            NetworkPolicyPeer peer = peers.get(i);
            String field = "spec.networkPolicy.metricsFrom[" + i + "]";
            boolean selects = peer != null && (peer.getPodSelector() != null || peer.getNamespaceSelector() != null);
            if (peer == null || (!selects && peer.getIpBlock() == null)) {
                problems.add(SpecProblem.blocking(field, "must have a podSelector, a namespaceSelector or an ipBlock"));
            } else if (selects && peer.getIpBlock() != null) {
                problems.add(SpecProblem.blocking(field, "cannot combine an ipBlock with selectors"));
            } else if (peer.getIpBlock() != null
                    && (peer.getIpBlock().getCidr() == null || peer.getIpBlock().getCidr().isBlank())) {
                problems.add(SpecProblem.blocking(field + ".ipBlock.cidr", "must be a CIDR such as 10.0.0.0/8"));
            }
        }
    }

    private static void apiKeyRef(List<SpecProblem> problems, SecretKeyRef ref) {
        if (ref == null) {
            return;
        }
        if (ref.getName() == null || !DNS_SUBDOMAIN.matcher(ref.getName()).matches()) {
            problems.add(SpecProblem.blocking("spec.balancer.apiKeySecretRef.name",
                    "must name a Secret in the OttCluster's namespace"));
        }
        if (ref.getKey() == null || !SECRET_KEY.matcher(ref.getKey()).matches()) {
            problems.add(SpecProblem.blocking("spec.balancer.apiKeySecretRef.key",
                    "must name a key of the Secret (letters, digits, '-', '_', '.')"));
        }
    }
}
