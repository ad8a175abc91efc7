package org.ottbalancer.operator.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyDescription;
import java.util.Objects;

/** What the operator last learned about one monolith pod from its agent's report. */
@JsonInclude(JsonInclude.Include.NON_NULL)
public class MonolithStatus {
    @JsonPropertyDescription("Pod name.")
    private String pod;

    @JsonPropertyDescription("The monolith's id, from its link handshake.")
    private String id;

    @JsonPropertyDescription("active or draining, as published in the registry.")
    private String state;

    @JsonPropertyDescription("Rooms the monolith holds.")
    private Integer rooms;

    @JsonPropertyDescription("Users connected to its rooms.")
    private Integer users;

    @JsonPropertyDescription("The published load score (higher is busier).")
    private Double load;

    @JsonPropertyDescription("When the agent's report was taken (RFC 3339).")
    private String lastReport;

    public String getPod() {
        return pod;
    }

    public void setPod(String pod) {
        this.pod = pod;
    }

    public String getId() {
        return id;
    }

    public void setId(String id) {
        this.id = id;
    }

    public String getState() {
        return state;
    }

    public void setState(String state) {
        this.state = state;
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

    public Double getLoad() {
        return load;
    }

    public void setLoad(Double load) {
        this.load = load;
    }

    public String getLastReport() {
        return lastReport;
    }

    public void setLastReport(String lastReport) {
        this.lastReport = lastReport;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MonolithStatus m && Objects.equals(pod, m.pod) && Objects.equals(id, m.id)
                && Objects.equals(state, m.state) && Objects.equals(rooms, m.rooms) && Objects.equals(users, m.users)
                && Objects.equals(load, m.load) && Objects.equals(lastReport, m.lastReport);
    }

    @Override
    public int hashCode() {
        return Objects.hash(pod, id, state, rooms, users, load, lastReport);
    }
}
