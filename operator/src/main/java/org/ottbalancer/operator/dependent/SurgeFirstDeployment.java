package org.ottbalancer.operator.dependent;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.ProbeBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;

/**
 * The shape both of the operator's Deployments share: selected by the component's standard labels,
 * rolled with maxSurge 1 / maxUnavailable 0 so a replacement is up before an old pod stops (a new
 * monolith is there for the rooms a draining one gives away; a new balancer for its clients), and
 * probed over HTTP.
 */
final class SurgeFirstDeployment {
    private SurgeFirstDeployment() {
    }

    static Deployment of(ObjectMeta metadata, String cluster, String component, int replicas, PodTemplateSpec template) {
        return new DeploymentBuilder()
                .withMetadata(metadata)
                .withNewSpec()
                .withReplicas(replicas)
                .withNewSelector()
                .withMatchLabels(StandardLabels.selector(cluster, component))
                .endSelector()
                .withNewStrategy()
                .withType("RollingUpdate")
                .withNewRollingUpdate()
                .withMaxSurge(new IntOrString(1))
                .withMaxUnavailable(new IntOrString(0))
                .endRollingUpdate()
                .endStrategy()
                .withTemplate(template)
                .endSpec()
                .build();
    }

    /** An {@code httpGet} probe of {@code path} on the named container port. */
    static Probe httpProbe(String path, String port, int periodSeconds, int failureThreshold) {
        return new ProbeBuilder()
                .withNewHttpGet().withPath(path).withPort(new IntOrString(port)).endHttpGet()
                .withPeriodSeconds(periodSeconds)
                .withFailureThreshold(failureThreshold)
                .build();
    }
}
