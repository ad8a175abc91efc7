package org.ottbalancer.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.generator.annotation.Default;
import io.fabric8.generator.annotation.Max;
import io.fabric8.generator.annotation.Min;
import java.util.Map;

/** The Service in front of the balancers: the cluster's entry point for browsers. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class BalancerServiceSpec {
    @Default(Defaults.BALANCER_SERVICE_TYPE_TEXT)
    @JsonPropertyDescription("Service type: ClusterIP (behind an Ingress or Gateway), NodePort or LoadBalancer.")
    private ServiceType type;

    @Min(1)
    @Max(65535)
    @Default(Defaults.BALANCER_SERVICE_PORT_TEXT)
    @JsonPropertyDescription("Port the Service exposes; it forwards to the balancers' port.")
    private Integer port;

    @JsonPropertyDescription("Annotations of the Service, e.g. for a cloud load balancer.")
    private Map<String, String> annotations;

    public ServiceType getType() {
        return type;
    }

    public void setType(ServiceType type) {
        this.type = type;
    }

    public Integer getPort() {
        return port;
    }

    public void setPort(Integer port) {
        this.port = port;
    }

    public Map<String, String> getAnnotations() {
        return annotations;
    }

    public void setAnnotations(Map<String, String> annotations) {
        this.annotations = annotations;
    }
}
