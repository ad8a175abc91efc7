package org.ottbalancer.operator.dependent;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;

/**
 * Marks the OttCluster's owner reference as the controller reference, so tools (kubectl describe's
 * "Controlled By", other controllers' adoption logic) know who manages the object. The garbage
 * collector deletes it with the OttCluster either way.
 */
final class ControllerReference {
    private ControllerReference() {
    }

    static void mark(HasMetadata owned, HasMetadata owner) {
        if (owned.getMetadata().getOwnerReferences() == null) {
            return;
        }
        for (OwnerReference ref : owned.getMetadata().getOwnerReferences()) {
            if (ref.getUid() != null && ref.getUid().equals(owner.getMetadata().getUid())) {
                ref.setController(true);
            }
        }
    }
}
