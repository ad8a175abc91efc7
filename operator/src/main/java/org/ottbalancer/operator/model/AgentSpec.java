package org.ottbalancer.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import io.fabric8.generator.annotation.Pattern;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

/** The monolith agent: the native sidecar in the path of each monolith's balancer links. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class AgentSpec {
    @Pattern(ImageReference.PATTERN)
    @JsonPropertyDescription("Agent container image. Default: ghcr.io/ott-balancer/ott-monolith-agent with the "
            + "operator's version as tag.")
    private String image;

    @Min(1)
    @Max(65535)
    @Default(Defaults.AGENT_LINK_PORT_TEXT)
    @JsonPropertyDescription("Port balancers dial for a monolith's link; the agent relays each link to the monolith's "
            + "balancingPort on 127.0.0.1.")
    private Integer linkPort;

    @Min(1)
    @Max(65535)
    @Default(Defaults.AGENT_HTTP_PORT_TEXT)
    @JsonPropertyDescription("Port of the agent's HTTP API: GET /report, POST /drain (bearer token), /healthz, "
            + "/readyz, /metrics.")
    private Integer httpPort;

    @JsonPropertyDescription("CPU and memory requests and limits of the agent container.")
    private ResourceRequirements resources;

    @Default(Defaults.LOAD_SIGNAL_TEXT)
    @JsonPropertyDescription("What the agent's load score is built from: `link` (users, rooms and client message "
            + "rate seen on the link) or `metrics` (the link score plus 1000 x the monolith's event-loop lag in seconds, "
            + "scraped from the monolith's /metrics on its httpPort; the agent falls back to the link score while the "
            + "scrape fails or the metric is missing).")
    private LoadSignal loadSignal;

    @Pattern(Defaults.PROMETHEUS_METRIC_NAME_PATTERN)
    @Default(Defaults.LOAD_METRIC)
    @JsonPropertyDescription("With loadSignal `metrics`: the Prometheus gauge of the monolith's event-loop lag in "
            + "seconds (the samples of that name are summed).")
    private String loadMetric;

    public String getImage() {
        return image;
    }

    public void setImage(String image) {
        this.image = image;
    }

    public Integer getLinkPort() {
        return linkPort;
    }

    public void setLinkPort(Integer linkPort) {
        this.linkPort = linkPort;
    }

    public Integer getHttpPort() {
        return httpPort;
    }

    public void setHttpPort(Integer httpPort) {
        this.httpPort = httpPort;
    }

    public ResourceRequirements getResources() {
        return resources;
    }

    public void setResources(ResourceRequirements resources) {
        this.resources = resources;
    }

    public LoadSignal getLoadSignal() {
        return loadSignal;
    }

    public void setLoadSignal(LoadSignal loadSignal) {
        this.loadSignal = loadSignal;
    }

    public String getLoadMetric() {
        return loadMetric;
    }

    public void setLoadMetric(String loadMetric) {
        this.loadMetric = loadMetric;
    }
}
