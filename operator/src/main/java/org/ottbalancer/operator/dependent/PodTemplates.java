package org.ottbalancer.operator.dependent;

import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.ottbalancer.operator.model.PodTemplateExtras;

/** Applies a component's {@code podTemplate} extras to the pod template the operator built. */
final class PodTemplates {
    private PodTemplates() {
    }

    static void applyExtras(PodTemplateSpec template, PodTemplateExtras extras, Map<String, String> extraAnnotations) {
        Map<String, String> annotations = new LinkedHashMap<>();
        if (extras.getAnnotations() != null) {
            annotations.putAll(extras.getAnnotations());
        }
        annotations.putAll(extraAnnotations);
        if (!annotations.isEmpty()) {
            template.getMetadata().setAnnotations(annotations);
        }
        PodSpec pod = template.getSpec();
        if (extras.getNodeSelector() != null && !extras.getNodeSelector().isEmpty()) {
            pod.setNodeSelector(new LinkedHashMap<>(extras.getNodeSelector()));
        }
        if (extras.getTolerations() != null && !extras.getTolerations().isEmpty()) {
            pod.setTolerations(List.copyOf(extras.getTolerations()));
        }
        if (extras.getAffinity() != null) {
            pod.setAffinity(extras.getAffinity());
        }
    }
}
