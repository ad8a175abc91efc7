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

    /**
     * @param defaultAnnotations annotations the user's may override (scrape hints)
     * @param fixedAnnotations annotations the operator relies on, which win over the user's
     */
    static void applyExtras(PodTemplateSpec template, PodTemplateExtras extras, Map<String, String> defaultAnnotations,
            Map<String, String> fixedAnnotations) {
        Map<String, String> annotations = new LinkedHashMap<>(defaultAnnotations);
        if (extras.getAnnotations() != null) {
            annotations.putAll(extras.getAnnotations());
        }
        annotations.putAll(fixedAnnotations);
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
