package org.ottbalancer.operator.dependent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarBuilder;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.ottbalancer.operator.model.Defaults;
import org.ottbalancer.operator.model.OttCluster;
import org.ottbalancer.operator.model.ResolvedCluster;

/**
 * The monolith pods. Each has the agent as a native sidecar (an init container with
 * {@code restartPolicy: Always}: it starts before the monolith and stops after it) sitting in the path
 * of the monolith's balancer links: balancers dial the agent's link port, the agent relays to the
 * monolith's balancing port on 127.0.0.1. The monolith's preStop hook drains it through the agent,
 * and the grace period covers the drain deadline.
 */
@KubernetesDependent(informer = @Informer(labelSelector = StandardLabels.MONOLITH_SELECTOR))
public class MonolithDeploymentDependent extends ManagedDependent<Deployment> {
    /** Time after the drain deadline for the monolith and the agent to stop once the drain ended. */
    public static final long GRACE_MARGIN_SECONDS = 30;
    /**
     * Pod annotation carrying the drain-token Secret's uid: a re-created Secret holds a new token,
     * which the agents only read at start, so it must roll the pods.
     */
    public static final String DRAIN_TOKEN_UID_ANNOTATION = "ottbalancer.org/drain-token-uid";
    static final String TOKEN_DIR = "/var/run/secrets/ottbalancer.org/drain-token";
    static final String TOKEN_VOLUME = "drain-token";
    static final String AGENT_TMP_VOLUME = "agent-tmp";
    static final String MONOLITH_TMP_VOLUME = "monolith-tmp";

    public MonolithDeploymentDependent() {
        super(Deployment.class);
    }

    @Override
    String name(String cluster) {
        return ResourceNames.monolith(cluster);
    }

    @Override
    Deployment desired(ResolvedCluster cluster, Context<OttCluster> context) {
        return build(cluster, drainTokenUid(context), ClusterContext.monolithReplicas(context));
    }

    private static String drainTokenUid(Context<OttCluster> context) {
        return context.getSecondaryResource(Secret.class).map(s -> s.getMetadata().getUid()).orElse(null);
    }

    /**
     * @param replicas from the drain state machine, not straight from the spec: a scale-down lowers
     *     it one drained monolith at a time
     */
    static Deployment build(ResolvedCluster cluster, String drainTokenUid, int replicas) {
        ResolvedCluster.Monolith m = cluster.monolith();
        PodTemplateSpec template = new PodTemplateSpecBuilder()
                .withNewMetadata()
                .withLabels(StandardLabels.podLabels(cluster.name(), StandardLabels.MONOLITH, m.podTemplate().getLabels()))
                .endMetadata()
                .withNewSpec()
                // Neither the agent nor the monolith talks to the API server: no token in the pod.
                .withServiceAccountName(ResourceNames.monolith(cluster.name()))
                .withAutomountServiceAccountToken(false)
                .withSecurityContext(PodSecurity.pod(m.podTemplate()))
                .withInitContainers(agent(cluster))
                .withContainers(monolith(cluster))
                .withTerminationGracePeriodSeconds(cluster.drain().deadline().toSeconds() + GRACE_MARGIN_SECONDS)
                .addNewVolume()
                .withName(TOKEN_VOLUME)
                .withNewSecret()
                .withSecretName(ResourceNames.drainToken(cluster.name()))
                // Readable whatever user the agent image runs as; only the agent container mounts it.
                .withDefaultMode(0444)
                .endSecret()
                .endVolume()
                // One /tmp per container: two JVMs sharing one would clash in hsperfdata (both may be pid 1).
                .addToVolumes(PodSecurity.tmpVolume(AGENT_TMP_VOLUME, Optional.of(PodSecurity.JVM_TMP_LIMIT)))
                .addToVolumes(PodSecurity.tmpVolume(MONOLITH_TMP_VOLUME, Optional.empty()))
                .endSpec()
                .build();
        PodTemplates.applyExtras(template, m.podTemplate(),
                ScrapeAnnotations.of(cluster.agent().httpPort(), ScrapeAnnotations.AGENT_METRICS_PATH),
                drainTokenUid == null ? Map.of() : Map.of(DRAIN_TOKEN_UID_ANNOTATION, drainTokenUid));
        ObjectMeta metadata = new ObjectMetaBuilder()
                .withName(ResourceNames.monolith(cluster.name()))
                .withNamespace(cluster.namespace())
                .withLabels(StandardLabels.of(cluster.name(), StandardLabels.MONOLITH))
                .build();
        return SurgeFirstDeployment.of(metadata, cluster.name(), StandardLabels.MONOLITH, replicas, template);
    }

    private static Container agent(ResolvedCluster cluster) {
        ResolvedCluster.Agent a = cluster.agent();
        List<EnvVar> env = List.of(
                env("AGENT_LINK_PORT", Integer.toString(a.linkPort())),
                env("AGENT_HTTP_PORT", Integer.toString(a.httpPort())),
                env("AGENT_PRESTOP_PORT", Integer.toString(Defaults.AGENT_PRESTOP_PORT)),
                env("AGENT_MONOLITH", "127.0.0.1:" + cluster.monolith().balancingPort()),
                env("AGENT_DRAIN_TOKEN_FILE", TOKEN_DIR + "/" + DrainTokenSecretDependent.KEY),
                env("AGENT_DRAIN_DEADLINE", cluster.drain().deadline().toMillis() + "ms"),
                env("AGENT_LOAD_SIGNAL", a.loadSignal().name()),
                env("AGENT_LOAD_METRIC", a.loadMetric()),
                env("AGENT_MONOLITH_METRICS_URL", "http://127.0.0.1:" + cluster.monolith().httpPort() + "/metrics"));
        return new ContainerBuilder()
                .withName("agent")
                .withImage(a.image())
                .withRestartPolicy("Always")
                .addNewPort().withName(PortNames.LINK).withContainerPort(a.linkPort()).withProtocol("TCP").endPort()
                .addNewPort().withName(PortNames.AGENT_HTTP).withContainerPort(a.httpPort()).withProtocol("TCP").endPort()
                .withEnv(env)
                .addNewVolumeMount().withName(TOKEN_VOLUME).withMountPath(TOKEN_DIR).withReadOnly(true).endVolumeMount()
                .addToVolumeMounts(PodSecurity.tmpMount(AGENT_TMP_VOLUME))
                .withReadinessProbe(SurgeFirstDeployment.httpProbe("/readyz", PortNames.AGENT_HTTP, 5, 3))
                .withLivenessProbe(SurgeFirstDeployment.httpProbe("/healthz", PortNames.AGENT_HTTP, 10, 6))
                .withResources(a.resources().orElse(null))
                // Our image, fine with any user: the spec's container securityContext is the monolith's only.
                .withSecurityContext(PodSecurity.hardened())
                .build();
    }

    private static Container monolith(ResolvedCluster cluster) {
        ResolvedCluster.Monolith m = cluster.monolith();
        List<EnvVar> env = new ArrayList<>();
        env.add(env("PORT", Integer.toString(m.httpPort())));
        env.add(env("BALANCING_ENABLED", "true"));
        env.add(env("BALANCING_PORT", Integer.toString(m.balancingPort())));
        m.region().ifPresent(r -> env.add(env("BALANCING_REGION", r)));
        env.addAll(m.env());
        return new ContainerBuilder()
                .withName("monolith")
                .withImage(m.image())
                // The balancing port is not declared: only the agent, over loopback, may use it.
                .addNewPort().withName(PortNames.HTTP).withContainerPort(m.httpPort()).withProtocol("TCP").endPort()
                .withEnv(env)
                .withEnvFrom(m.envFrom().isEmpty() ? null : m.envFrom())
                .withNewLifecycle()
                .withNewPreStop()
                .withNewExec()
                .withCommand(m.preStopCommand().orElseGet(() -> PreStopDrainHook.defaultCommand(m.image())))
                .endExec()
                .endPreStop()
                .endLifecycle()
                .withReadinessProbe(SurgeFirstDeployment.httpProbe(m.probePath(), PortNames.HTTP, 5, 3))
                .withLivenessProbe(SurgeFirstDeployment.httpProbe(m.probePath(), PortNames.HTTP, 10, 6))
                .withResources(m.resources().orElse(null))
                .withSecurityContext(PodSecurity.mainContainer(m.podTemplate()))
                .addToVolumeMounts(PodSecurity.tmpMount(MONOLITH_TMP_VOLUME))
                .build();
    }

    private static EnvVar env(String name, String value) {
        return new EnvVarBuilder().withName(name).withValue(value).build();
    }
}
