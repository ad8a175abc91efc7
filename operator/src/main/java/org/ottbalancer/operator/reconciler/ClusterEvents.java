package org.ottbalancer.operator.reconciler;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ottbalancer.operator.dependent.StandardLabels;
import org.ottbalancer.operator.model.OttCluster;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kubernetes Events about an OttCluster ({@code kubectl describe ottcluster} and {@code kubectl get
 * events} show them). Failing to record one is logged, never fatal: the event is a courtesy, the
 * action it reports goes ahead either way.
 */
public final class ClusterEvents {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterEvents.class);

    private final KubernetesClient client;
    private final Clock clock;
    private final AtomicLong sequence = new AtomicLong();

    public ClusterEvents(KubernetesClient client, Clock clock) {
        this.client = client;
        this.clock = clock;
    }

    public void warning(OttCluster cluster, String reason, String message) {
        LOG.warn("cluster {}/{}: {}: {}", cluster.getMetadata().getNamespace(), cluster.getMetadata().getName(),
                reason, message);
        String now = Instant.now(clock).truncatedTo(ChronoUnit.SECONDS).toString();
        Event event = new EventBuilder()
                .withNewMetadata()
                .withNamespace(cluster.getMetadata().getNamespace())
                .withName(cluster.getMetadata().getName() + "." + Long.toHexString(clock.millis())
                        + Long.toHexString(sequence.incrementAndGet()))
                .endMetadata()
                .withType("Warning")
                .withReason(reason)
                .withMessage(message)
                .withInvolvedObject(new ObjectReferenceBuilder()
                        .withApiVersion(cluster.getApiVersion())
                        .withKind(cluster.getKind())
                        .withNamespace(cluster.getMetadata().getNamespace())
                        .withName(cluster.getMetadata().getName())
                        .withUid(cluster.getMetadata().getUid())
                        .build())
                .withNewSource().withComponent(StandardLabels.OPERATOR_NAME).endSource()
                .withReportingComponent(StandardLabels.OPERATOR_NAME)
                .withFirstTimestamp(now)
                .withLastTimestamp(now)
                .withCount(1)
                .build();
        try {
            client.v1().events().inNamespace(cluster.getMetadata().getNamespace()).resource(event).create();
        } catch (KubernetesClientException e) {
            LOG.warn("cannot record the {} event of {}/{}: {}", reason, cluster.getMetadata().getNamespace(),
                    cluster.getMetadata().getName(), e.getMessage());
        }
    }
}
