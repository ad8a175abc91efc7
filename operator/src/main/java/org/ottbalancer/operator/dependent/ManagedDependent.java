package org.ottbalancer.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.ObjectMetaBuilder;
import io.javaoperatorsdk.operator.api.reconciler.Context;
import io.javaoperatorsdk.operator.processing.dependent.kubernetes.CRUDKubernetesDependentResource;
import io.javaoperatorsdk.operator.processing.event.ResourceID;
import org.ottbalancer.operator.model.OttCluster;
import org.ottbalancer.operator.model.ResolvedCluster;

/**
 * A dependent the operator owns completely: created, kept equal to the spec, deleted with the
 * OttCluster (owner reference, so the Kubernetes garbage collector does the deleting).
 */
abstract class ManagedDependent<R extends HasMetadata> extends CRUDKubernetesDependentResource<R, OttCluster> {
    ManagedDependent(Class<R> type) {
        super(type);
    }

    /** The object's name for a cluster named {@code cluster}. */
    abstract String name(String cluster);

    /** The object as the spec wants it; {@code context} gives access to other dependents' objects. */
    abstract R desired(ResolvedCluster cluster, Context<OttCluster> context);

    @Override
    protected final R desired(OttCluster primary, Context<OttCluster> context) {
        return desired(ClusterContext.get(context), context);
    }

    /** Finds the object by name without computing the whole desired state. */
    @Override
    protected void addReferenceHandlingMetadata(R desired, OttCluster primary) {
        super.addReferenceHandlingMetadata(desired, primary);
        ControllerReference.mark(desired, primary);
    }

    @Override
    protected ResourceID targetSecondaryResourceID(OttCluster primary, Context<OttCluster> context) {
        return new ResourceID(name(primary.getMetadata().getName()), primary.getMetadata().getNamespace());
    }

    ObjectMeta metadata(ResolvedCluster cluster, String component) {
        return new ObjectMetaBuilder()
                .withName(name(cluster.name()))
                .withNamespace(cluster.namespace())
                .withLabels(StandardLabels.of(cluster.name(), component))
                .build();
    }
}
