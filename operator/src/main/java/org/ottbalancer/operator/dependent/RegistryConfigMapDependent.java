package org.ottbalancer.operator.dependent;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.javaoperatorsdk.operator.api.config.informer.Informer;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependent;
import java.util.List;
import java.util.Map;
import org.ottbalancer.operator.model.ResolvedCluster;
import org.ottbalancer.protocol.registry.RegistryCodec;
import org.ottbalancer.protocol.registry.RegistryDocument;

/**
 * The registry ConfigMap balancers watch to learn the monoliths. Created with an empty document;
 * after that its data belongs to the registry publisher (which writes {@value #KEY} from the agents'
 * reports), so this dependent never updates it.
 */
@KubernetesDependent(informer = @Informer(labelSelector = StandardLabels.REGISTRY_SELECTOR))
public class RegistryConfigMapDependent extends CreateOnlyDependent<ConfigMap> {
    /** The data key holding the registry document. */
    public static final String KEY = "registry.json";

    public RegistryConfigMapDependent() {
        super(ConfigMap.class);
    }

    @Override
    String name(String cluster) {
        return ResourceNames.registry(cluster);
    }

    @Override
    ConfigMap initial(ResolvedCluster cluster) {
        return new ConfigMapBuilder()
                .withMetadata(metadata(cluster, StandardLabels.REGISTRY))
                .withData(Map.of(KEY, RegistryCodec.write(RegistryDocument.of(0, List.of()))))
                .build();
    }
}
