package org.ottbalancer.operator.dependent;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.Map;
import java.util.Optional;
import org.ottbalancer.operator.model.OttCluster;
import org.ottbalancer.operator.model.ResolvedCluster;

/**
 * The balancers: stateless, so a plain rolling Deployment. They find the monoliths by watching the
 * registry ConfigMap with their own ServiceAccount.
 */
@KubernetesDependent(informer = @Informer(labelSelector = StandardLabels.BALANCER_SELECTOR))
public class BalancerDeploymentDependent extends ManagedDependent<Deployment> {
    /** {@code GET /api/status} always answers 200 {@code OK} while the balancer runs. */
    static final String STATUS_PATH = "/api/status";
    static final String TMP_VOLUME = "tmp";

    public BalancerDeploymentDependent() {
        super(Deployment.class);
    }

    @Override
    String name(String cluster) {
        return ResourceNames.balancer(cluster);
    }

    @Override
    Deployment desired(ResolvedCluster cluster, Context<OttCluster> context) {
        ResolvedCluster.Balancer b = cluster.balancer();
        Container balancer = new ContainerBuilder()
                .withName("balancer")
                .withImage(b.image())
                .addNewPort().withName(PortNames.HTTP).withContainerPort(b.port()).withProtocol("TCP").endPort()
                .withEnv(BalancerEnvironment.of(cluster))
                .withReadinessProbe(SurgeFirstDeployment.httpProbe(STATUS_PATH, PortNames.HTTP, 5, 3))
                .withLivenessProbe(SurgeFirstDeployment.httpProbe(STATUS_PATH, PortNames.HTTP, 10, 6))
                .withResources(b.resources().orElse(null))
                .withSecurityContext(PodSecurity.mainContainer(b.podTemplate()))
                .addToVolumeMounts(PodSecurity.tmpMount(TMP_VOLUME))
                .build();
        PodTemplateSpec template = new PodTemplateSpecBuilder()
                .withNewMetadata()
                .withLabels(StandardLabels.podLabels(cluster.name(), StandardLabels.BALANCER, b.podTemplate().getLabels()))
                .endMetadata()
                .withNewSpec()
                // The balancers keep their token: they watch the registry ConfigMap through the API.
                .withServiceAccountName(ResourceNames.balancer(cluster.name()))
                .withSecurityContext(PodSecurity.pod(b.podTemplate()))
                .withContainers(balancer)
                .addToVolumes(PodSecurity.tmpVolume(TMP_VOLUME, Optional.of(PodSecurity.JVM_TMP_LIMIT)))
                .endSpec()
                .build();
        PodTemplates.applyExtras(template, b.podTemplate(),
                ScrapeAnnotations.of(b.port(), ScrapeAnnotations.BALANCER_METRICS_PATH), Map.of());
        return SurgeFirstDeployment.of(metadata(cluster, StandardLabels.BALANCER), cluster.name(), StandardLabels.BALANCER,
                b.replicas(), template);
    }

}
