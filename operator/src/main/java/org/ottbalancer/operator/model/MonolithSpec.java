package org.ottbalancer.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.generator.annotation.Size;
import io.fabric8.kubernetes.api.model.EnvFromSource;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.model.annotation.SpecReplicas;
import java.util.List;

/** The monoliths: the stateful servers that hold the rooms. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MonolithSpec {
    @Pattern(ImageReference.PATTERN)
    @JsonPropertyDescription("Monolith container image: the OpenTogetherTube server or any server speaking its balancing "
            + "protocol. Default: ghcr.io/ott-balancer/ott-sample-monolith with the operator's version as tag.")
    private String image;

    @SpecReplicas
    @Min(0)
    @Max(1000)
    @Default(Defaults.MONOLITH_REPLICAS_TEXT)
    @JsonPropertyDescription("Number of monolith pods. This is the field `kubectl scale ottcluster/<name>` changes. "
            + "Default: 1.")
    private Integer replicas;

    @Min(1)
    @Max(65535)
    @Default(Defaults.MONOLITH_HTTP_PORT_TEXT)
    @JsonPropertyDescription("Port of the monolith's HTTP server (its PORT variable); balancers proxy HTTP requests "
            + "to it on the pod's IP.")
    private Integer httpPort;

    @Min(1)
    @Max(65535)
    @Default(Defaults.MONOLITH_BALANCING_PORT_TEXT)
    @JsonPropertyDescription("Port of the monolith's balancing link listener (its BALANCING_PORT variable). Only the "
            + "agent in the same pod dials it, on 127.0.0.1; balancers dial the agent's link port instead.")
    private Integer balancingPort;

    @Pattern("^[-a-zA-Z0-9_.]{1,63}$")
    @JsonPropertyDescription("Region the monoliths announce (BALANCING_REGION); balancers prefer monoliths of their "
            + "own region.")
    private String region;

    @JsonPropertyDescription("Extra environment variables of the monolith container, e.g. REDIS_URL. Variables the "
            + "operator sets (PORT, BALANCING_ENABLED, BALANCING_PORT, BALANCING_REGION) cannot be overridden.")
    private List<EnvVar> env;

    @JsonPropertyDescription("Extra environment sources (ConfigMaps, Secrets) of the monolith container.")
    private List<EnvFromSource> envFrom;

    @JsonPropertyDescription("CPU and memory requests and limits of the monolith container.")
    private ResourceRequirements resources;

    @Size(min = 1)
    @JsonPropertyDescription("Command of the monolith container's preStop hook. It must block until the agent's drain "
            + "finished, by calling POST http://127.0.0.1:9091/drain?wait=true from inside the pod (kubelet httpGet "
            + "hooks cannot POST and cannot reach 127.0.0.1). Default: a /bin/sh script that uses curl, wget, node "
            + "or bash, whichever the image has.")
    private List<String> preStopCommand;

    @Pattern("^/.*$")
    @Default(Defaults.MONOLITH_PROBE_PATH)
    @JsonPropertyDescription("HTTP path of the monolith's readiness and liveness probes, on httpPort.")
    private String probePath;

    @JsonPropertyDescription("Scheduling and metadata additions for the monolith pods.")
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

    public Integer getHttpPort() {
        return httpPort;
    }

    public void setHttpPort(Integer httpPort) {
        this.httpPort = httpPort;
    }

    public Integer getBalancingPort() {
        return balancingPort;
    }

    public void setBalancingPort(Integer balancingPort) {
        this.balancingPort = balancingPort;
    }

    public String getRegion() {
        return region;
    }

    public void setRegion(String region) {
        this.region = region;
    }

    public List<EnvVar> getEnv() {
        return env;
    }

    public void setEnv(List<EnvVar> env) {
        this.env = env;
    }

    public List<EnvFromSource> getEnvFrom() {
        return envFrom;
    }

    public void setEnvFrom(List<EnvFromSource> envFrom) {
        this.envFrom = envFrom;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public List<String> getPreStopCommand() {
        return preStopCommand;
    }

    public void setPreStopCommand(List<String> preStopCommand) {
        this.preStopCommand = preStopCommand;
    }

    public String getProbePath() {
        return probePath;
    }

    public void setProbePath(String probePath) {
        this.probePath = probePath;
    }

    public PodTemplateExtras getPodTemplate() {
        return podTemplate;
    }

    public void setPodTemplate(PodTemplateExtras podTemplate) {
        this.podTemplate = podTemplate;
    }
}
