package org.ottbalancer.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** The balancers: stateless, room-aware WebSocket and HTTP front ends. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BalancerSpec {
    @Pattern(ImageReference.PATTERN)
    @JsonPropertyDescription("Balancer container image. Default: ghcr.io/ott-balancer/ott-balancer with the operator's "
            + "version as tag.")
    private String image;

    @Min(0)
    @Max(1000)
    @Default(Defaults.BALANCER_REPLICAS_TEXT)
    @JsonPropertyDescription("Number of balancer pods.")
    private Integer replicas;

    @Min(1)
    @Max(65535)
    @Default(Defaults.BALANCER_PORT_TEXT)
    @JsonPropertyDescription("Port the balancers listen on for browsers (BALANCER_PORT).")
    private Integer port;

    @JsonPropertyDescription("The Service in front of the balancers.")
    private BalancerServiceSpec service;

    @JsonPropertyDescription("How balancers place a new room on a monolith (BALANCER_SELECTION_STRATEGY).")
    private SelectionStrategySpec selectionStrategy;

    @JsonPropertyDescription("Secret key holding the API key of the balancers' /api/balancing and /api/state "
            + "endpoints (BALANCER_API_KEY). Without it those endpoints answer 401.")
    private SecretKeyRef apiKeySecretRef;

    @Pattern("^[-a-zA-Z0-9_.]{1,63}$")
    @JsonPropertyDescription("Region of the balancers (BALANCER_REGION); they prefer monoliths of the same region.")
    private String region;

    @JsonPropertyDescription("CPU and memory requests and limits of the balancer container.")
    private ResourceRequirements resources;

    @JsonPropertyDescription("Scheduling and metadata additions for the balancer pods.")
    private PodTemplateExtras podTemplate;

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public BalancerServiceSpec getService() {
        return service;
    }

    public void setService(BalancerServiceSpec service) {
        this.service = service;
    }

    public SelectionStrategySpec getSelectionStrategy() {
        return selectionStrategy;
    }

    public void setSelectionStrategy(SelectionStrategySpec selectionStrategy) {
        this.selectionStrategy = selectionStrategy;
    }

    public SecretKeyRef getApiKeySecretRef() {
        return apiKeySecretRef;
    }

    public void setApiKeySecretRef(SecretKeyRef apiKeySecretRef) {
        this.apiKeySecretRef = apiKeySecretRef;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public PodTemplateExtras getPodTemplate() {
        return podTemplate;
    }

    public void setPodTemplate(PodTemplateExtras podTemplate) {
        this.podTemplate = podTemplate;
    }
}
