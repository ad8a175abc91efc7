package org.ottbalancer.operator.security;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.PodSecurityContextBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecurityContextBuilder;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ottbalancer.operator.model.AgentSpec;
import org.ottbalancer.operator.model.BalancerSpec;
import org.ottbalancer.operator.model.OttCluster;
import org.ottbalancer.operator.model.PodTemplateExtras;
import org.ottbalancer.operator.testing.Clusters;
import org.ottbalancer.operator.testing.MockCluster;

/** The security settings of every pod the operator creates, and how a spec may replace them. */
class SecureDefaultsTest {
    private static final String NS = "secure";
    /** A monolith image that must run as its own user and write to its root filesystem. */
    private static final String CUSTOM_NS = "custom-user";
    private static final String NAME = "ott";

    private static MockCluster cluster;
    private static KubernetesClient client;

    @BeforeAll
    static void createClusters() {
        cluster = MockCluster.start();
        client = cluster.client();
        OttCluster defaults = Clusters.withMonoliths(NS, NAME, 2);
        AgentSpec agent = new AgentSpec();
        agent.setHttpPort(9190);
        defaults.getSpec().setAgent(agent);
        client.resource(defaults).create();

        OttCluster custom = Clusters.withMonoliths(CUSTOM_NS, NAME, 1);
        PodTemplateExtras monolithTemplate = new PodTemplateExtras();
        monolithTemplate.setPodSecurityContext(new PodSecurityContextBuilder().withRunAsNonRoot(true)
                .withRunAsUser(1000L).withRunAsGroup(1000L).withNewSeccompProfile().withType("RuntimeDefault")
                .endSeccompProfile().build());
        monolithTemplate.setContainerSecurityContext(new SecurityContextBuilder().withAllowPrivilegeEscalation(false)
                .withNewCapabilities().withDrop("ALL").endCapabilities().withReadOnlyRootFilesystem(false).build());
        monolithTemplate.setAnnotations(Map.of("prometheus.io/scrape", "false"));
        custom.getSpec().getMonolith().setPodTemplate(monolithTemplate);
        client.resource(custom).create();
        for (String ns : List.of(NS, CUSTOM_NS)) {
            MockCluster.await("the Deployments of " + ns, () -> template(ns, "ott-monolith") != null
                    && template(ns, "ott-balancer") != null);
        }
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static PodTemplateSpec template(String ns, String deployment) {
        var d = client.apps().deployments().inNamespace(ns).withName(deployment).get();
        return d == null ? null : d.getSpec().getTemplate();
    }

    private static PodSpec monolithPod() {
        return template(NS, "ott-monolith").getSpec();
    }

    private static PodSpec balancerPod() {
        return template(NS, "ott-balancer").getSpec();
    }

    private static List<PodSpec> pods() {
        return List.of(monolithPod(), balancerPod());
    }

    private static List<Container> containers(PodSpec pod) {
        List<Container> all = new ArrayList<>(pod.getContainers());
        if (pod.getInitContainers() != null) {
            all.addAll(pod.getInitContainers());
        }
        return all;
    }

    private static List<Container> everyContainer() {
        return pods().stream().flatMap(p -> containers(p).stream()).toList();
    }

    private static Container named(PodSpec pod, String name) {
        return containers(pod).stream().filter(c -> c.getName().equals(name)).findFirst().orElseThrow();
    }

    @Test
    void monolithPodsMountNoServiceAccountToken() {
        assertEquals(Boolean.FALSE, monolithPod().getAutomountServiceAccountToken());
    }

    @Test
    void monolithPodsRunAsTheirOwnServiceAccountThatHasNoToken() {
        assertEquals("ott-monolith", monolithPod().getServiceAccountName());
        ServiceAccount sa = MockCluster.await("the monolith ServiceAccount",
                () -> client.serviceAccounts().inNamespace(NS).withName("ott-monolith").get());
        assertEquals(Boolean.FALSE, sa.getAutomountServiceAccountToken());
    }

    @Test
    void balancerPodsKeepTheirTokenToWatchTheRegistry() {
        assertEquals("ott-balancer", balancerPod().getServiceAccountName());
        assertNotEquals(Boolean.FALSE, balancerPod().getAutomountServiceAccountToken());
    }

    @Test
    void everyPodRunsAsTheNonRootUserOfOurImages() {
        for (PodSpec pod : pods()) {
            var sc = pod.getSecurityContext();
            assertTrue(sc.getRunAsNonRoot());
            assertEquals(65532L, sc.getRunAsUser());
            assertEquals(65532L, sc.getRunAsGroup());
            assertEquals(65532L, sc.getFsGroup());
        }
    }

    @Test
    void everyPodUsesTheRuntimeDefaultSeccompProfile() {
        for (PodSpec pod : pods()) {
            assertEquals("RuntimeDefault", pod.getSecurityContext().getSeccompProfile().getType());
        }
    }

    @Test
    void everyContainerDropsAllCapabilities() {
        for (Container c : everyContainer()) {
            assertEquals(List.of("ALL"), c.getSecurityContext().getCapabilities().getDrop(), c.getName());
            List<String> added = c.getSecurityContext().getCapabilities().getAdd();
            assertTrue(added == null || added.isEmpty(), c.getName() + " adds " + added);
        }
    }

    @Test
    void noContainerMayEscalatePrivileges() {
        for (Container c : everyContainer()) {
            assertEquals(Boolean.FALSE, c.getSecurityContext().getAllowPrivilegeEscalation(), c.getName());
        }
    }

    @Test
    void everyContainerHasAReadOnlyRootFilesystemAndItsOwnWritableTmp() {
        for (PodSpec pod : pods()) {
            List<String> tmpVolumes = new ArrayList<>();
            for (Container c : containers(pod)) {
                assertTrue(c.getSecurityContext().getReadOnlyRootFilesystem(), c.getName());
                VolumeMount tmp = c.getVolumeMounts().stream().filter(m -> m.getMountPath().equals("/tmp"))
                        .findFirst().orElseThrow(() -> new AssertionError(c.getName() + " has no /tmp"));
                Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(tmp.getName())).findFirst()
                        .orElseThrow();
                assertTrue(volume.getEmptyDir() != null, c.getName() + "'s /tmp is an emptyDir");
                assertFalse(tmpVolumes.contains(tmp.getName()), "containers share " + tmp.getName());
                tmpVolumes.add(tmp.getName());
            }
        }
    }

    @Test
    void balancerPodsAdvertiseTheirMetricsForScraping() {
        Map<String, String> annotations = template(NS, "ott-balancer").getMetadata().getAnnotations();
        assertEquals("true", annotations.get("prometheus.io/scrape"));
        assertEquals("8081", annotations.get("prometheus.io/port"));
        assertEquals("/api/status/metrics", annotations.get("prometheus.io/path"));
    }

    @Test
    void monolithPodsAdvertiseTheAgentMetricsForScraping() {
        Map<String, String> annotations = template(NS, "ott-monolith").getMetadata().getAnnotations();
        assertEquals("true", annotations.get("prometheus.io/scrape"));
        assertEquals("9190", annotations.get("prometheus.io/port"));
        assertEquals("/metrics", annotations.get("prometheus.io/path"));
    }

    @Test
    void podAnnotationsOfTheSpecOverrideTheScrapeHints() {
        assertEquals("false", template(CUSTOM_NS, "ott-monolith").getMetadata().getAnnotations()
                .get("prometheus.io/scrape"));
    }

    @Test
    void aPodSecurityContextInTheSpecReplacesTheDefaultOne() {
        var sc = template(CUSTOM_NS, "ott-monolith").getSpec().getSecurityContext();
        assertEquals(1000L, sc.getRunAsUser());
        assertEquals(1000L, sc.getRunAsGroup());
        assertNull(sc.getFsGroup(), "replaced as a whole, not merged");
    }

    @Test
    void aContainerSecurityContextInTheSpecAppliesToTheMonolithContainerOnly() {
        PodSpec pod = template(CUSTOM_NS, "ott-monolith").getSpec();
        assertFalse(named(pod, "monolith").getSecurityContext().getReadOnlyRootFilesystem());
        assertTrue(named(pod, "agent").getSecurityContext().getReadOnlyRootFilesystem(),
                "the agent keeps its hardened container");
    }

    @Test
    void balancerPodsKeepTheDefaultsWhenOnlyTheMonolithsAreCustomised() {
        assertEquals(Optional.of(65532L), Optional.ofNullable(template(CUSTOM_NS, "ott-balancer").getSpec()
                .getSecurityContext().getRunAsUser()));
    }

    @Test
    void aBalancerPodSecurityContextInTheSpecReplacesTheBalancerDefault() {
        OttCluster c = Clusters.empty("balancer-user", NAME);
        PodTemplateExtras extras = new PodTemplateExtras();
        extras.setPodSecurityContext(new PodSecurityContextBuilder().withRunAsNonRoot(true).withRunAsUser(2000L)
                .build());
        BalancerSpec b = new BalancerSpec();
        b.setPodTemplate(extras);
        c.getSpec().setBalancer(b);
        client.resource(c).create();
        PodTemplateSpec balancer = MockCluster.await("the balancer Deployment", () -> template("balancer-user",
                "ott-balancer"));
        assertEquals(2000L, balancer.getSpec().getSecurityContext().getRunAsUser());
    }
}
