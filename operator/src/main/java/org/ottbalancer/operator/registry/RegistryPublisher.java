package org.ottbalancer.operator.registry;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ottbalancer.operator.dependent.RegistryConfigMapDependent;
import org.ottbalancer.operator.dependent.ResourceNames;
import org.ottbalancer.protocol.registry.MonolithEntry;
import org.ottbalancer.protocol.registry.RegistryCodec;
import org.ottbalancer.protocol.registry.RegistryDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes {@code registry.json} of a cluster's registry ConfigMap, only when balancers would act on the
 * difference ({@link RegistryChange}): membership and state changes at once, load changes at most once
 * per {@code minWriteInterval}. Every write increments the document's {@code generation}.
 *
 * <p>Called from reconciliations only, which JOSDK serialises per OttCluster, so there is one writer
 * per ConfigMap. What was last written is remembered per cluster (the informer's copy may lag behind
 * a write); after a restart, or when the ConfigMap was re-created, the ConfigMap itself is the
 * reference.
 */
public final class RegistryPublisher {
    private static final Logger LOG = LoggerFactory.getLogger(RegistryPublisher.class);

    private final KubernetesClient client;
    private final Clock clock;
    private final Duration minWriteInterval;
    private final double loadChange;
    private final Map<ResourceID, Written> written = new ConcurrentHashMap<>();

    private record Written(String configMapUid, RegistryDocument document, Instant at) {
    }

    /**
     * @param written whether the ConfigMap was written now
     * @param change what changed compared with the published document
     * @param retryIn when a load change was held back, how long until it may be written
     */
    public record Outcome(boolean written, RegistryChange change, Optional<Duration> retryIn) {
    }

    public RegistryPublisher(KubernetesClient client, Clock clock, Duration minWriteInterval, double loadChange) {
        this.client = client;
        this.clock = clock;
        this.minWriteInterval = minWriteInterval;
        this.loadChange = loadChange;
    }

    /**
     * @param cached the registry ConfigMap as the informer last saw it; nothing is written while it does
     *     not exist (the workflow creates it)
     */
    public Outcome publish(ResourceID cluster, Optional<ConfigMap> cached, List<MonolithEntry> entries) {
        if (cached.isEmpty()) {
            return new Outcome(false, RegistryChange.NONE, Optional.empty());
        }
        String uid = cached.get().getMetadata().getUid();
        Written last = written.get(cluster);
        if (last == null || !last.configMapUid().equals(uid)) {
            last = new Written(uid, documentOf(cached.get()).orElse(null), Instant.EPOCH);
        }
        RegistryChange change = last.document() == null ? RegistryChange.MEMBERSHIP_OR_STATE
                : RegistryChange.between(last.document().monoliths(), entries, loadChange);
        if (change == RegistryChange.NONE) {
            written.put(cluster, last);
            return new Outcome(false, change, Optional.empty());
        }
        Instant now = clock.instant();
        Duration since = Duration.between(last.at(), now);
        if (change == RegistryChange.LOAD && since.compareTo(minWriteInterval) < 0) {
            written.put(cluster, last);
            return new Outcome(false, change, Optional.of(minWriteInterval.minus(since)));
        }
        long previousGeneration = last.document() == null ? 0 : last.document().generation();
        RegistryDocument[] document = new RegistryDocument[1];
        ConfigMap result = client.configMaps().inNamespace(cluster.getNamespace().orElseThrow())
                .withName(ResourceNames.registry(cluster.getName()))
                .edit(cm -> {
                    long onServer = documentOf(cm).map(RegistryDocument::generation).orElse(0L);
                    document[0] = RegistryDocument.of(Math.max(onServer, previousGeneration) + 1, entries);
                    Map<String, String> data = cm.getData() == null ? new HashMap<>() : new HashMap<>(cm.getData());
                    data.put(RegistryConfigMapDependent.KEY, RegistryCodec.write(document[0]));
                    cm.setData(data);
                    return cm;
                });
        written.put(cluster, new Written(result.getMetadata().getUid(), document[0], now));
        LOG.info("cluster {}: registry generation {} published ({}): {}", cluster, document[0].generation(),
                change == RegistryChange.LOAD ? "loads" : "monoliths", summary(entries));
        return new Outcome(true, change, Optional.empty());
    }

    /** Forgets a deleted cluster. */
    public void forget(ResourceID cluster) {
        written.remove(cluster);
    }

    private static Optional<RegistryDocument> documentOf(ConfigMap cm) {
        String json = cm.getData() == null ? null : cm.getData().get(RegistryConfigMapDependent.KEY);
        if (json == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(RegistryCodec.parse(json));
        } catch (RuntimeException e) {
            LOG.warn("registry ConfigMap {} holds an unusable document, replacing it: {}",
                    cm.getMetadata().getName(), e.getMessage());
            return Optional.empty();
        }
    }

    private static String summary(List<MonolithEntry> entries) {
        if (entries.isEmpty()) {
            return "no monoliths";
        }
        StringBuilder sb = new StringBuilder();
        for (MonolithEntry e : entries) {
            if (sb.length() > 0) {
                sb.append(", ");
            }
            sb.append(e.pod()).append('=').append(e.state().wire());
        }
        return sb.toString();
    }
}
