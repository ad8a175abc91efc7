package org.ottbalancer.operator.reconciler;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirementsBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ottbalancer.operator.model.AgentSpec;
import org.ottbalancer.operator.model.BalancerServiceSpec;
import org.ottbalancer.operator.model.BalancerSpec;
import org.ottbalancer.operator.model.DrainSpec;
import org.ottbalancer.operator.model.MonolithSpec;
import org.ottbalancer.operator.model.OttCluster;
import org.ottbalancer.operator.model.PodTemplateExtras;
import org.ottbalancer.operator.model.SecretKeyRef;
import org.ottbalancer.operator.model.SelectionStrategy;
import org.ottbalancer.operator.model.SelectionStrategySpec;
import org.ottbalancer.operator.model.ServiceType;
import org.ottbalancer.operator.testing.Clusters;
import org.ottbalancer.operator.testing.MockCluster;
import org.ottbalancer.protocol.registry.RegistryCodec;
import org.ottbalancer.protocol.registry.RegistryDocument;

/** What the operator creates for a fully specified OttCluster, one resource property per test. */
class DependentResourcesTest {
    private static final String NS = "watch-party";
    private static final String NAME = "ott";

    private static MockCluster cluster;
    private static KubernetesClient client;
    private static OttCluster created;

    @BeforeAll
    static void createCluster() {
        cluster = MockCluster.start();
        client = cluster.client();
        OttCluster c = Clusters.withMonoliths(NS, NAME, 3);
        MonolithSpec m = c.getSpec().getMonolith();
        m.setImage("registry.example.com:5000/ott/server:2024.1");
        m.setHttpPort(8080);
        m.setBalancingPort(8082);
        m.setRegion("ewr");
        m.setEnv(List.of(new EnvVarBuilder().withName("REDIS_URL").withValue("redis://redis:6379").build()));
        m.setResources(new ResourceRequirementsBuilder().addToRequests("memory", new Quantity("512Mi")).build());
        PodTemplateExtras extras = new PodTemplateExtras();
        extras.setNodeSelector(Map.of("pool", "rooms"));
        extras.setTolerations(List.of(new TolerationBuilder().withKey("dedicated").withOperator("Exists").build()));
        extras.setAnnotations(Map.of("prometheus.io/scrape", "true"));
        extras.setLabels(Map.of("team", "video", "app.kubernetes.io/component", "ignored"));
        m.setPodTemplate(extras);
        AgentSpec a = new AgentSpec();
        a.setLinkPort(4003);
        a.setHttpPort(4090);
        c.getSpec().setAgent(a);
        BalancerSpec b = new BalancerSpec();
        b.setReplicas(2);
        b.setPort(9000);
        BalancerServiceSpec s = new BalancerServiceSpec();
        s.setType(ServiceType.LoadBalancer);
        s.setPort(443);
        s.setAnnotations(Map.of("lb.example.com/tls", "on"));
        b.setService(s);
        SelectionStrategySpec st = new SelectionStrategySpec();
        st.setStrategy(SelectionStrategy.HashRing);
        st.setWeight(5);
        b.setSelectionStrategy(st);
        b.setApiKeySecretRef(new SecretKeyRef("balancer-api", "key"));
        b.setRegion("ewr");
        c.getSpec().setBalancer(b);
        DrainSpec d = new DrainSpec();
        d.setDeadline("2m");
        c.getSpec().setDrain(d);
        created = client.resource(c).create();
        MockCluster.await("the monolith Deployment", () -> monolithDeployment());
        MockCluster.await("the monolith PodDisruptionBudget",
                () -> client.resources(PodDisruptionBudget.class).inNamespace(NS).withName("ott-monolith").get());
    }

    @AfterAll
    static void stop() {
        cluster.close();
    }

    private static Deployment monolithDeployment() {
        return client.apps().deployments().inNamespace(NS).withName("ott-monolith").get();
    }

    private static Deployment balancerDeployment() {
        return MockCluster.await("the balancer Deployment",
                () -> client.apps().deployments().inNamespace(NS).withName("ott-balancer").get());
    }

    private static PodSpec monolithPod() {
        return monolithDeployment().getSpec().getTemplate().getSpec();
    }

    private static Container agent() {
        return monolithPod().getInitContainers().get(0);
    }

    private static Container monolith() {
        return monolithPod().getContainers().get(0);
    }

    private static Map<String, String> env(Container c) {
        return c.getEnv().stream().filter(e -> e.getValue() != null)
                .collect(Collectors.toMap(EnvVar::getName, EnvVar::getValue));
    }

    private static <T extends HasMetadata> T get(Class<T> type, String name) {
        return MockCluster.await(type.getSimpleName() + " " + name,
                () -> client.resources(type).inNamespace(NS).withName(name).get());
    }

    @Test
    void monolithDeploymentRunsTheSpecReplicasAndImage() {
        Deployment d = monolithDeployment();
        assertEquals(3, d.getSpec().getReplicas());
        assertEquals("registry.example.com:5000/ott/server:2024.1", monolith().getImage());
    }

    @Test
    void agentIsANativeSidecarWithRestartPolicyAlways() {
        assertEquals(1, monolithPod().getInitContainers().size());
        assertEquals("agent", agent().getName());
        assertEquals("Always", agent().getRestartPolicy());
        assertEquals("ghcr.io/ott-balancer/ott-monolith-agent:" + MockCluster.IMAGE_TAG, agent().getImage());
    }

    @Test
    void agentRelaysItsLinkPortToTheMonolithBalancingPortOnLoopback() {
        Map<String, String> env = env(agent());
        assertEquals("4003", env.get("AGENT_LINK_PORT"));
        assertEquals("4090", env.get("AGENT_HTTP_PORT"));
        assertEquals("9091", env.get("AGENT_PRESTOP_PORT"));
        assertEquals("127.0.0.1:8082", env.get("AGENT_MONOLITH"));
        assertEquals("120000ms", env.get("AGENT_DRAIN_DEADLINE"));
        Map<String, Integer> ports = agent().getPorts().stream()
                .collect(Collectors.toMap(p -> p.getName(), p -> p.getContainerPort()));
        assertEquals(Map.of("link", 4003, "agent-http", 4090), ports);
    }

    @Test
    void monolithDeclaresOnlyItsHttpPortNotItsBalancingPort() {
        assertEquals(1, monolith().getPorts().size());
        assertEquals(8080, monolith().getPorts().get(0).getContainerPort());
        Map<String, String> env = env(monolith());
        assertEquals("8080", env.get("PORT"));
        assertEquals("true", env.get("BALANCING_ENABLED"));
        assertEquals("8082", env.get("BALANCING_PORT"));
        assertEquals("ewr", env.get("BALANCING_REGION"));
        assertEquals("redis://redis:6379", env.get("REDIS_URL"));
    }

    @Test
    void agentReadsTheDrainTokenFromTheMountedSecret() {
        assertEquals("/var/run/secrets/ottbalancer.org/drain-token/token", env(agent()).get("AGENT_DRAIN_TOKEN_FILE"));
        assertEquals("/var/run/secrets/ottbalancer.org/drain-token", agent().getVolumeMounts().get(0).getMountPath());
        assertTrue(agent().getVolumeMounts().get(0).getReadOnly());
        assertEquals("ott-drain-token", monolithPod().getVolumes().get(0).getSecret().getSecretName());
        assertFalse(env(agent()).containsKey("AGENT_DRAIN_TOKEN"), "the token itself is never in the pod spec");
    }

    @Test
    void monolithPreStopHookCallsTheAgentsBlockingDrainOnLoopback() {
        List<String> command = monolith().getLifecycle().getPreStop().getExec().getCommand();
        assertEquals("/bin/sh", command.get(0));
        assertTrue(command.get(2).contains("http://127.0.0.1:9091/drain?wait=true"), command.get(2));
    }

    @Test
    void gracePeriodIsTheDrainDeadlinePlusAMargin() {
        assertEquals(120 + 30, monolithPod().getTerminationGracePeriodSeconds());
    }

    @Test
    void probesUseTheAgentHealthEndpointsAndTheMonolithHttpPort() {
        assertEquals("/readyz", agent().getReadinessProbe().getHttpGet().getPath());
        assertEquals("agent-http", agent().getReadinessProbe().getHttpGet().getPort().getStrVal());
        assertEquals("/healthz", agent().getLivenessProbe().getHttpGet().getPath());
        assertEquals("/api/status", monolith().getReadinessProbe().getHttpGet().getPath());
        assertEquals("http", monolith().getReadinessProbe().getHttpGet().getPort().getStrVal());
        assertEquals("/api/status", monolith().getLivenessProbe().getHttpGet().getPath());
    }

    @Test
    void monolithPodTemplateCarriesTheSchedulingExtrasAndStandardLabelsWin() {
        var template = monolithDeployment().getSpec().getTemplate();
        assertEquals(Map.of("pool", "rooms"), template.getSpec().getNodeSelector());
        assertEquals("dedicated", template.getSpec().getTolerations().get(0).getKey());
        assertEquals("true", template.getMetadata().getAnnotations().get("prometheus.io/scrape"));
        assertEquals("video", template.getMetadata().getLabels().get("team"));
        assertEquals("monolith", template.getMetadata().getLabels().get("app.kubernetes.io/component"));
        assertEquals(new Quantity("512Mi"), monolith().getResources().getRequests().get("memory"));
    }

    @Test
    void monolithRolloutSurgesBeforeAnOldMonolithStops() {
        var rolling = monolithDeployment().getSpec().getStrategy().getRollingUpdate();
        assertEquals(1, rolling.getMaxSurge().getIntVal());
        assertEquals(0, rolling.getMaxUnavailable().getIntVal());
    }

    @Test
    void podTemplateNamesTheDrainTokenSecretItWasBuiltWith() {
        Secret secret = get(Secret.class, "ott-drain-token");
        String uid = MockCluster.await("the drain-token uid annotation", () -> monolithDeployment().getSpec()
                .getTemplate().getMetadata().getAnnotations().get("ottbalancer.org/drain-token-uid"));
        assertEquals(secret.getMetadata().getUid(), uid);
    }

    @Test
    void balancerDeploymentConfiguresDiscoveryOfTheRegistryConfigMap() {
        Container balancer = balancerDeployment().getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, String> env = env(balancer);
        assertEquals("{method=\"kubernetes\", namespace=\"watch-party\", configmap=\"ott-registry\"}",
                env.get("BALANCER_DISCOVERY"));
        assertEquals("9000", env.get("BALANCER_PORT"));
        assertEquals("{strategy=\"HashRing\", weight=5}", env.get("BALANCER_SELECTION_STRATEGY"));
        assertEquals("ewr", env.get("BALANCER_REGION"));
        assertEquals(9000, balancer.getPorts().get(0).getContainerPort());
        assertEquals("/api/status", balancer.getReadinessProbe().getHttpGet().getPath());
    }

    @Test
    void balancerApiKeyComesFromTheReferencedSecret() {
        Container balancer = balancerDeployment().getSpec().getTemplate().getSpec().getContainers().get(0);
        EnvVar apiKey = balancer.getEnv().stream().filter(e -> e.getName().equals("BALANCER_API_KEY")).findFirst()
                .orElseThrow();
        assertNull(apiKey.getValue());
        assertEquals("balancer-api", apiKey.getValueFrom().getSecretKeyRef().getName());
        assertEquals("key", apiKey.getValueFrom().getSecretKeyRef().getKey());
    }

    @Test
    void balancersRunAsTheirServiceAccountWithTheSpecReplicas() {
        Deployment d = balancerDeployment();
        assertEquals(2, d.getSpec().getReplicas());
        assertEquals("ott-balancer", d.getSpec().getTemplate().getSpec().getServiceAccountName());
        assertNotNull(get(ServiceAccount.class, "ott-balancer"));
    }

    @Test
    void balancerRoleReadsOnlyTheRegistryConfigMap() {
        Role role = get(Role.class, "ott-registry-reader");
        assertEquals(1, role.getRules().size());
        PolicyRule rule = role.getRules().get(0);
        assertEquals(List.of(""), rule.getApiGroups());
        assertEquals(List.of("configmaps"), rule.getResources());
        assertEquals(List.of("ott-registry"), rule.getResourceNames());
        assertEquals(List.of("get", "list", "watch"), rule.getVerbs());
    }

    @Test
    void roleBindingGrantsTheRoleToTheBalancerServiceAccount() {
        RoleBinding binding = get(RoleBinding.class, "ott-registry-reader");
        assertEquals("Role", binding.getRoleRef().getKind());
        assertEquals("ott-registry-reader", binding.getRoleRef().getName());
        assertEquals("ServiceAccount", binding.getSubjects().get(0).getKind());
        assertEquals("ott-balancer", binding.getSubjects().get(0).getName());
        assertEquals(NS, binding.getSubjects().get(0).getNamespace());
    }

    @Test
    void balancerServiceHasTheSpecTypePortAndAnnotations() {
        Service s = get(Service.class, "ott-balancer");
        assertEquals("LoadBalancer", s.getSpec().getType());
        ServicePort port = s.getSpec().getPorts().get(0);
        assertEquals(443, port.getPort());
        assertEquals("http", port.getTargetPort().getStrVal());
        assertEquals("on", s.getMetadata().getAnnotations().get("lb.example.com/tls"));
        assertEquals("balancer", s.getSpec().getSelector().get("app.kubernetes.io/component"));
    }

    @Test
    void monolithServiceIsHeadlessWithoutTheBalancingPort() {
        Service s = get(Service.class, "ott-monolith");
        assertEquals("None", s.getSpec().getClusterIP());
        Map<String, Integer> ports = s.getSpec().getPorts().stream()
                .collect(Collectors.toMap(ServicePort::getName, ServicePort::getPort));
        assertEquals(Map.of("link", 4003, "http", 8080, "agent-http", 4090), ports);
    }

    @Test
    void registryConfigMapStartsWithAnEmptyDocument() {
        ConfigMap cm = get(ConfigMap.class, "ott-registry");
        RegistryDocument doc = RegistryCodec.parse(cm.getData().get("registry.json"));
        assertEquals(1, doc.version());
        assertEquals(0L, doc.generation());
        assertEquals(List.of(), doc.monoliths());
    }

    @Test
    void drainTokenIsLongAndRandom() {
        Secret secret = get(Secret.class, "ott-drain-token");
        String token = new String(Base64.getDecoder().decode(secret.getData().get("token")), StandardCharsets.US_ASCII);
        assertTrue(token.matches("[A-Za-z0-9_-]{43}"), "256 bits, base64url: " + token.length() + " characters");
    }

    @Test
    void bothPodDisruptionBudgetsAllowOnePodAway() {
        for (String name : List.of("ott-balancer", "ott-monolith")) {
            PodDisruptionBudget pdb = get(PodDisruptionBudget.class, name);
            assertEquals(1, pdb.getSpec().getMaxUnavailable().getIntVal(), name);
            assertEquals(name.substring("ott-".length()),
                    pdb.getSpec().getSelector().getMatchLabels().get("app.kubernetes.io/component"));
        }
    }

    @Test
    void everyDependentIsOwnedByTheClusterSoDeletingItCleansUp() {
        List<HasMetadata> owned = List.of(monolithDeployment(), balancerDeployment(), get(Service.class, "ott-balancer"),
                get(Service.class, "ott-monolith"), get(ServiceAccount.class, "ott-balancer"),
                get(Role.class, "ott-registry-reader"), get(RoleBinding.class, "ott-registry-reader"),
                get(ConfigMap.class, "ott-registry"), get(Secret.class, "ott-drain-token"),
                get(PodDisruptionBudget.class, "ott-balancer"), get(PodDisruptionBudget.class, "ott-monolith"),
                get(ServiceAccount.class, "ott-monolith"), get(NetworkPolicy.class, "ott-monolith-ingress"),
                get(NetworkPolicy.class, "ott-balancer-ingress"));
        for (HasMetadata r : owned) {
            List<OwnerReference> refs = r.getMetadata().getOwnerReferences();
            assertEquals(1, refs.size(), r.getKind());
            assertEquals("OttCluster", refs.get(0).getKind());
            assertEquals("ottbalancer.org/v1alpha1", refs.get(0).getApiVersion());
            assertEquals(created.getMetadata().getUid(), refs.get(0).getUid(), r.getKind());
            assertTrue(refs.get(0).getController(), r.getKind());
        }
    }

    @Test
    void everyDependentCarriesTheStandardLabels() {
        List<HasMetadata> owned = List.of(monolithDeployment(), balancerDeployment(), get(ConfigMap.class, "ott-registry"),
                get(Secret.class, "ott-drain-token"), get(Role.class, "ott-registry-reader"));
        for (HasMetadata r : owned) {
            Map<String, String> labels = r.getMetadata().getLabels();
            assertEquals("ott-balancer", labels.get("app.kubernetes.io/name"), r.getKind());
            assertEquals(NAME, labels.get("app.kubernetes.io/instance"), r.getKind());
            assertEquals("ott-operator", labels.get("app.kubernetes.io/managed-by"), r.getKind());
            assertEquals("ott-balancer", labels.get("app.kubernetes.io/part-of"), r.getKind());
            assertNotNull(labels.get("app.kubernetes.io/component"), r.getKind());
        }
    }
}
