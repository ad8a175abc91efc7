package org.ottbalancer.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import io.fabric8.kubernetes.model.annotation.LabelSelector;
import io.fabric8.kubernetes.model.annotation.StatusReplicas;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Observed state of an OTT cluster, written only by the operator. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class OttClusterStatus {
    @JsonPropertyDescription("metadata.generation of the spec this status was computed from.")
    private Long observedGeneration;

    @JsonPropertyDescription("Ready, Progressing, Draining and Degraded conditions.")
    private List<ClusterCondition> conditions = new ArrayList<>();

    @StatusReplicas
    @JsonPropertyDescription("Monolith pods that exist (the scale subresource's status.replicas).")
    private Integer replicas;

    @JsonPropertyDescription("Monolith pods that are ready.")
    private Integer readyMonoliths;

    @JsonPropertyDescription("Ready and desired balancer pods.")
    private BalancerCounts balancers;

    @LabelSelector
    @JsonPropertyDescription("Label selector of the monolith pods, for the scale subresource (HorizontalPodAutoscaler).")
    private String selector;

    @JsonPropertyDescription("One entry per monolith pod, from its agent's last report.")
    private List<MonolithStatus> monoliths;

    @JsonPropertyDescription("Rooms across all monoliths, from the agents' reports.")
    private Integer rooms;

    @JsonPropertyDescription("Users across all monoliths, from the agents' reports.")
    private Integer users;

    public Long getObservedGeneration() {
        return observedGeneration;
    }

    public void setObservedGeneration(Long observedGeneration) {
        this.observedGeneration = observedGeneration;
    }

    public List<ClusterCondition> getConditions() {
        return conditions;
    }

    public void setConditions(List<ClusterCondition> conditions) {
        this.conditions = conditions == null ? new ArrayList<>() : conditions;
    }

    public Integer getReplicas() {
        return replicas;
    }

    public void setReplicas(Integer replicas) {
        this.replicas = replicas;
    }

    public Integer getReadyMonoliths() {
        return readyMonoliths;
    }

    public void setReadyMonoliths(Integer readyMonoliths) {
        this.readyMonoliths = readyMonoliths;
    }

    public BalancerCounts getBalancers() {
        return balancers;
    }

    public void setBalancers(BalancerCounts balancers) {
        this.balancers = balancers;
    }

    public String getSelector() {
        return selector;
    }

    public void setSelector(String selector) {
        this.selector = selector;
    }

    public List<MonolithStatus> getMonoliths() {
        return monoliths;
    }

    public void setMonoliths(List<MonolithStatus> monoliths) {
        this.monoliths = monoliths;
    }

    public Integer getRooms() {
        return rooms;
    }

    public void setRooms(Integer rooms) {
        this.rooms = rooms;
    }

    public Integer getUsers() {
        return users;
    }

    public void setUsers(Integer users) {
        this.users = users;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OttClusterStatus s && Objects.equals(observedGeneration, s.observedGeneration)
                && Objects.equals(conditions, s.conditions) && Objects.equals(replicas, s.replicas)
                && Objects.equals(readyMonoliths, s.readyMonoliths) && Objects.equals(balancers, s.balancers)
                && Objects.equals(selector, s.selector) && Objects.equals(monoliths, s.monoliths)
                && Objects.equals(rooms, s.rooms) && Objects.equals(users, s.users);
    }

    @Override
    public int hashCode() {
        return Objects.hash(observedGeneration, conditions, replicas, readyMonoliths, balancers, selector, monoliths,
                rooms, users);
    }
}
