package org.ottbalancer.charts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.ottbalancer.charts.Manifests.at;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** What the chart renders for the representative values of src/test/values. */
@SuppressWarnings("unchecked")
class ChartTemplateTest {
    private static final String OPERATOR = "ott-ott-balancer-operator";

    private static Manifests render(String valuesFile) {
        return Manifests.parse(Helm.template(ChartFiles.VALUES.resolve(valuesFile)));
    }

    private static Map<String, Object> operatorContainer(Manifests m) {
        return at(m.get("Deployment", OPERATOR), "spec", "template", "spec", "containers", 0);
    }

    private static Map<String, String> env(Manifests m) {
        List<Map<String, Object>> env = (List<Map<String, Object>>) operatorContainer(m).get("env");
        return env.stream().filter(e -> e.containsKey("value"))
                .collect(Collectors.toMap(e -> (String) e.get("name"), e -> (String) e.get("value")));
    }

    @Test
    void operatorPodRunsWithTheRestrictedSecurityContext() {
        Manifests m = render("defaults.yaml");
        Map<String, Object> pod = at(m.get("Deployment", OPERATOR), "spec", "template", "spec", "securityContext");
        assertEquals(true, pod.get("runAsNonRoot"));
        assertEquals(65532, pod.get("runAsUser"));
        assertEquals("RuntimeDefault", ((Map<?, ?>) pod.get("seccompProfile")).get("type"));
        Map<String, Object> container = (Map<String, Object>) operatorContainer(m).get("securityContext");
        assertEquals(false, container.get("allowPrivilegeEscalation"));
        assertEquals(true, container.get("readOnlyRootFilesystem"));
        assertEquals(true, container.get("runAsNonRoot"));
        assertEquals(65532, container.get("runAsUser"));
        assertEquals(List.of("ALL"), ((Map<?, ?>) container.get("capabilities")).get("drop"));
        assertEquals("RuntimeDefault", ((Map<?, ?>) container.get("seccompProfile")).get("type"));
    }

    @Test
    void readOnlyRootFileSystemGetsAWritableTmp() {
        Manifests m = render("defaults.yaml");
        List<Map<String, Object>> mounts = (List<Map<String, Object>>) operatorContainer(m).get("volumeMounts");
        assertEquals("/tmp", mounts.get(0).get("mountPath"));
        List<Map<String, Object>> volumes = at(m.get("Deployment", OPERATOR), "spec", "template", "spec", "volumes");
        assertEquals(mounts.get(0).get("name"), volumes.get(0).get("name"));
        assertNotNull(volumes.get(0).get("emptyDir"));
    }

    @Test
    void operatorHasResourcesAndAllThreeProbes() {
        Map<String, Object> c = operatorContainer(render("defaults.yaml"));
        assertNotNull(path(resource(c), "requests", "memory"));
        assertNotNull(path(resource(c), "limits", "memory"));
        for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
            assertNotNull(c.get(probe), probe);
        }
        assertEquals("/readyz", ((Map<?, ?>) ((Map<?, ?>) c.get("readinessProbe")).get("httpGet")).get("path"));
    }

    @Test
    void operatorPodsCarryTheLabelTheClusterNetworkPoliciesAdmit() {
        Manifests m = render("with-monitoring.yaml");
        Map<String, String> labels = at(m.get("Deployment", OPERATOR), "spec", "template", "metadata", "labels");
        assertEquals("ott-operator", labels.get("app.kubernetes.io/name"));
        assertEquals("ott", labels.get("app.kubernetes.io/instance"));
        assertEquals("operator", labels.get("app.kubernetes.io/component"));
        assertEquals("streaming", labels.get("team"), "podLabels are added");
    }

    @Test
    void defaultsWatchAllNamespacesWithAClusterRole() {
        Manifests m = render("defaults.yaml");
        assertEquals("", env(m).get("WATCH_NAMESPACES"));
        assertEquals(1, m.ofKind("ClusterRole").size());
        assertEquals(OPERATOR, at(m.single("ClusterRoleBinding"), "roleRef", "name"));
        List<GenericKubernetesResource> roles = m.ofKind("Role");
        assertEquals(List.of(OPERATOR + "-leader-election"), roles.stream().map(r -> r.getMetadata().getName()).toList(),
                "the only namespaced Role is the one for the Lease");
    }

    @Test
    void namespaceScopedValuesGrantARolePerWatchedNamespaceAndNothingClusterWide() {
        Manifests m = render("namespace-scoped.yaml");
        assertEquals("team-a,team-b", env(m).get("WATCH_NAMESPACES"));
        assertTrue(m.ofKind("ClusterRole").isEmpty() && m.ofKind("ClusterRoleBinding").isEmpty(), m.summary()::toString);
        Set<String> ruleNamespaces = m.ofKind("Role").stream()
                .filter(r -> r.getMetadata().getName().equals(OPERATOR))
                .map(r -> r.getMetadata().getNamespace()).collect(Collectors.toSet());
        assertEquals(Set.of("team-a", "team-b"), ruleNamespaces);
        for (GenericKubernetesResource binding : m.ofKind("RoleBinding")) {
            Map<String, Object> subject = at(binding, "subjects", 0);
            assertEquals("ott-operator", subject.get("name"), "the named ServiceAccount");
            assertEquals("ott-system", subject.get("namespace"));
        }
    }

    @Test
    void watchRulesLetTheOperatorGrantWhatItsRegistryRoleGrants() {
        // Kubernetes refuses a Role that grants more than its creator holds (escalation prevention).
        List<Map<String, Object>> rules = at(render("defaults.yaml").single("ClusterRole"), "rules");
        Set<String> configMapVerbs = rules.stream()
                .filter(r -> ((List<?>) r.get("resources")).contains("configmaps") && r.get("resourceNames") == null)
                .flatMap(r -> ((List<String>) r.get("verbs")).stream()).collect(Collectors.toSet());
        assertTrue(configMapVerbs.containsAll(Set.of("get", "list", "watch")), configMapVerbs::toString);
        assertFalse(rules.stream().anyMatch(r -> ((List<?>) r.get("verbs")).contains("*")
                || ((List<?>) r.get("resources")).contains("*")), "no wildcards");
    }

    @Test
    void leaseRoleCoversWhatLeaderElectionChecksAtStartUp() {
        Manifests m = render("namespace-scoped.yaml");
        GenericKubernetesResource role = m.get("Role", OPERATOR + "-leader-election");
        assertEquals("ott-system", role.getMetadata().getNamespace());
        List<Map<String, Object>> rules = at(role, "rules");
        Set<String> verbs = rules.stream()
                .filter(r -> r.get("resourceNames") == null
                        || ((List<?>) r.get("resourceNames")).contains("ott-operator-team-leader"))
                .flatMap(r -> ((List<String>) r.get("verbs")).stream()).collect(Collectors.toSet());
        assertTrue(verbs.containsAll(Set.of("get", "create", "update")), verbs::toString);
        assertEquals("ott-operator-team-leader", env(m).get("LEADER_ELECTION_LEASE_NAME"));
    }

    @Test
    void ottClusterFromValuesKeepsItsSpecAndItsNamespaceIsWatched() {
        Manifests m = render("with-ottcluster.yaml");
        GenericKubernetesResource cluster = m.single("OttCluster");
        assertEquals("ottbalancer.org/v1alpha1", cluster.getApiVersion());
        assertEquals("watch-party", cluster.getMetadata().getNamespace());
        assertEquals(3, (Integer) at(cluster, "spec", "monolith", "replicas"));
        assertEquals("LoadBalancer", at(cluster, "spec", "balancer", "service", "type"));
        Map<String, String> env = env(m);
        assertEquals("watch-party", env.get("WATCH_NAMESPACES"));
        assertEquals("ghcr.io/dyc3/opentogethertube:latest", env.get("OTT_MONOLITH_IMAGE"));
        assertEquals("3s", env.get("AGENT_POLL_INTERVAL"));
        assertEquals("0.25", env.get("REGISTRY_LOAD_CHANGE"));
    }

    @Test
    void monitoringValuesAddServiceMonitorPodMonitorsAndTheDashboardConfigMap() {
        Manifests m = render("with-monitoring.yaml");
        GenericKubernetesResource serviceMonitor = m.single("ServiceMonitor");
        assertEquals("kube-prometheus-stack", serviceMonitor.getMetadata().getLabels().get("release"));
        assertEquals("metrics", at(serviceMonitor, "spec", "endpoints", 0, "port"));
        assertEquals(Set.of("ott-ott-balancer-balancers", "ott-ott-balancer-monoliths"),
                m.ofKind("PodMonitor").stream().map(p -> p.getMetadata().getName()).collect(Collectors.toSet()));
        assertEquals("/api/status/metrics", at(m.get("PodMonitor", "ott-ott-balancer-balancers"),
                "spec", "podMetricsEndpoints", 0, "path"));
        GenericKubernetesResource dashboard = m.single("ConfigMap");
        assertEquals("monitoring", dashboard.getMetadata().getNamespace());
        assertEquals("1", dashboard.getMetadata().getLabels().get("grafana_dashboard"));
        assertEquals("OTT", dashboard.getMetadata().getAnnotations().get("grafana_folder"));
        Map<String, String> data = at(dashboard, "data");
        assertEquals(ChartFiles.read(ChartFiles.DASHBOARD).strip(), data.get("ott-balancer.json").strip());
    }

    @Test
    void defaultsCreateNoMonitoringObjectsButAnnotateThePodForScraping() {
        Manifests m = render("defaults.yaml");
        assertTrue(m.ofKind("ServiceMonitor").isEmpty() && m.ofKind("PodMonitor").isEmpty()
                && m.ofKind("ConfigMap").isEmpty() && m.ofKind("OttCluster").isEmpty(), m.summary()::toString);
        Map<String, String> annotations = at(m.get("Deployment", OPERATOR), "spec", "template", "metadata", "annotations");
        assertEquals("true", annotations.get("prometheus.io/scrape"));
        assertEquals("8080", annotations.get("prometheus.io/port"));
    }

    @Test
    void imageDefaultsToTheAppVersionAndADigestWinsOverTheTag() {
        String project = System.getProperty("project.version");
        assertEquals("ghcr.io/ott-balancer/ott-operator:" + project, operatorContainer(render("defaults.yaml")).get("image"));
        String digest = "sha256:" + "ab".repeat(32);
        Manifests pinned = Manifests.parse(Helm.ok("template", "ott", ChartFiles.CHART.toString(), "--namespace",
                "ott-system", "--set", "operator.image.digest=" + digest));
        assertEquals("ghcr.io/ott-balancer/ott-operator@" + digest, operatorContainer(pinned).get("image"));
    }

    private static Map<String, Object> resource(Map<String, Object> container) {
        return (Map<String, Object>) container.get("resources");
    }

    private static <T> T path(Map<String, Object> map, String... path) {
        Object node = map;
        for (String key : path) {
            node = node instanceof Map<?, ?> m ? m.get(key) : null;
        }
        return (T) node;
    }
}
