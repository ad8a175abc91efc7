package org.ottbalancer.operator.registry;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.ottbalancer.operator.model.MonolithStatus;
import org.ottbalancer.protocol.registry.MonolithEntry;
import org.ottbalancer.protocol.registry.MonolithState;

/**
 * One monolith pod as the operator publishes it: its registry entry plus the figures shown in the
 * OttCluster's status.
 *
 * @param pod pod name
 * @param id the monolith's id from its agent's report, once known
 * @param host pod IP, where balancers dial
 * @param port the agent's link port
 * @param region from the report, else the spec's region
 * @param state active or draining
 * @param rooms rooms held, from the last report
 * @param users users connected, from the last report
 * @param load load score from the last report
 * @param lastReport when that report was received
 */
public record MonolithView(String pod, Optional<String> id, String host, int port, Optional<String> region,
        MonolithState state, Optional<Integer> rooms, Optional<Integer> users, Optional<Double> load,
        Optional<Instant> lastReport) {

    public MonolithEntry entry() {
        return new MonolithEntry(id.orElse(null), pod, host, port, region.orElse(null), state, load.orElse(null));
    }

    public MonolithStatus status() {
        MonolithStatus s = new MonolithStatus();
        s.setPod(pod);
        s.setId(id.orElse(null));
        s.setState(state.wire());
        s.setRooms(rooms.orElse(null));
        s.setUsers(users.orElse(null));
        s.setLoad(load.orElse(null));
        s.setLastReport(lastReport.map(t -> t.truncatedTo(ChronoUnit.SECONDS).toString()).orElse(null));
        return s;
    }
}
