package org.ottbalancer.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.api.reconciler.dependent.GarbageCollected;
import io.javaoperatorsdk.operator.processing.dependent.Creator;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.KubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import org.ottbalancer.operator.model.OttCluster;
import org.ottbalancer.operator.model.ResolvedCluster;

/**
 * A dependent the operator creates once and then leaves alone, because its content is not derived
 * from the spec: a generated secret, or data another part of the operator publishes. Not being an
 * {@code Updater}, it is never matched against or overwritten; it is still deleted with the
 * OttCluster through its owner reference.
 */
abstract class CreateOnlyDependent<R extends HasMetadata> extends KubernetesDependentResource<R, OttCluster>
        implements Creator<R, OttCluster>, GarbageCollected<OttCluster> {
    CreateOnlyDependent(Class<R> type) {
        super(type);
    }

    abstract String name(String cluster);

    /** The initial object; only called when it does not exist. */
    abstract R initial(ResolvedCluster cluster);

    @Override
    protected final R desired(OttCluster primary, Context<OttCluster> context) {
        return initial(ClusterContext.get(context));
    }

    @Override
    protected void addReferenceHandlingMetadata(R desired, OttCluster primary) {
        super.addReferenceHandlingMetadata(desired, primary);
        ControllerReference.mark(desired, primary);
    }

    @Override
    protected ResourceID targetSecondaryResourceID(OttCluster primary, Context<OttCluster> context) {
        return new ResourceID(name(primary.getMetadata().getName()), primary.getMetadata().getNamespace());
    }

    @Override
    public void delete(OttCluster primary, Context<OttCluster> context) {
        super.delete(primary, context);
    }

    ObjectMeta metadata(ResolvedCluster cluster, String component) {
        return new ObjectMetaBuilder()
                .withName(name(cluster.name()))
                .withNamespace(cluster.namespace())
                .withLabels(StandardLabels.of(cluster.name(), component))
                .build();
    }
}
