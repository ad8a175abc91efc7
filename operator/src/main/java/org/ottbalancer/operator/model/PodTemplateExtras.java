package org.ottbalancer.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.Map;

/** Scheduling, metadata and security-context additions for the pods of one component. */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public class PodTemplateExtras {
    @JsonPropertyDescription("Node labels the pods must match (pod spec nodeSelector).")
    private Map<String, String> nodeSelector;

    @JsonPropertyDescription("Tolerations of the pods (pod spec tolerations).")
    private List<Toleration> tolerations;

    @JsonPropertyDescription("Affinity and anti-affinity rules of the pods (pod spec affinity).")
    private Affinity affinity;

    @JsonPropertyDescription("Extra annotations on the pods.")
    private Map<String, String> annotations;

    @JsonPropertyDescription("Extra labels on the pods. The app.kubernetes.io/* labels the operator sets take precedence.")
    private Map<String, String> labels;

    @JsonPropertyDescription("Replaces the operator's pod securityContext (runAsNonRoot, runAsUser, runAsGroup and "
            + "fsGroup 65532, seccompProfile RuntimeDefault) as a whole, e.g. for a monolith image that must run as "
            + "another user. Fields left out are unset, not defaulted.")
    private PodSecurityContext podSecurityContext;

    @JsonPropertyDescription("Replaces the operator's securityContext of the component's main container (the "
            + "monolith or the balancer; the agent keeps its own): allowPrivilegeEscalation false, capabilities drop "
            + "ALL, readOnlyRootFilesystem true. Fields left out are unset, not defaulted.")
    private SecurityContext containerSecurityContext;

    public Map<String, String> getNodeSelector() {
        return nodeSelector;
    }

    public void setNodeSelector(Map<String, String> nodeSelector) {
        this.nodeSelector = nodeSelector;
    }

    public List<Toleration> getTolerations() {
        return tolerations;
    }

    public void setTolerations(List<Toleration> tolerations) {
        this.tolerations = tolerations;
    }

    public Affinity getAffinity() {
        return affinity;
    }

    public void setAffinity(Affinity affinity) {
        this.affinity = affinity;
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }

    public Map<String, String> getLabels() {
        return labels;
    }

    public void setLabels(Map<String, String> labels) {
        this.labels = labels;
    }

    public PodSecurityContext getPodSecurityContext() {
        return podSecurityContext;
    }

    public void setPodSecurityContext(PodSecurityContext podSecurityContext) {
        this.podSecurityContext = podSecurityContext;
    }

    public SecurityContext getContainerSecurityContext() {
        return containerSecurityContext;
    }

    public void setContainerSecurityContext(SecurityContext containerSecurityContext) {
        this.containerSecurityContext = containerSecurityContext;
    }
}
