package org.ottbalancer.operator.agents;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.ottbalancer.protocol.agent.AgentReport;
import org.ottbalancer.protocol.agent.DrainReport;

/**
 * What the operator last learned from one agent. A failed request keeps the last good report and
 * drain progress (a blip must not make a monolith vanish from the registry) and records the error.
 *
 * @param report the last report received
 * @param reportAt when the operator received it
 * @param drain the last drain progress received ({@code GET /drain} or the answer to {@code POST /drain})
 * @param error why the last request failed, empty once one succeeds again
 */
public record AgentObservation(Optional<AgentReport> report, Optional<Instant> reportAt, Optional<DrainReport> drain,
        Optional<String> error) {

    public static final AgentObservation NONE = new AgentObservation(Optional.empty(), Optional.empty(),
            Optional.empty(), Optional.empty());

    AgentObservation withReport(AgentReport r, Instant at) {
        return new AgentObservation(Optional.of(r), Optional.of(at), drain, Optional.empty());
    }

    AgentObservation withDrain(DrainReport d) {
        return new AgentObservation(report, reportAt, Optional.of(d), Optional.empty());
    }

    AgentObservation withError(String e) {
        return new AgentObservation(report, reportAt, drain, Optional.of(e));
    }

    /**
     * Whether the two differ in anything a reconciliation acts on: the report's figures and state, the
     * drain's progress, or whether the agent answers. Timestamps alone do not count, so a steady
     * agent does not trigger a reconciliation every poll.
     */
    boolean differsFrom(AgentObservation o) {
        return !Objects.equals(report.map(AgentObservation::figures), o.report.map(AgentObservation::figures))
                || !Objects.equals(drain.map(AgentObservation::progress), o.drain.map(AgentObservation::progress))
                || error.isPresent() != o.error.isPresent();
    }

    private static Object figures(AgentReport r) {
        return java.util.List.of(String.valueOf(r.monolithId()), String.valueOf(r.region()), r.state(), r.rooms(),
                r.users(), r.load(), progress(r.drain()));
    }

    private static Object progress(DrainReport d) {
        return java.util.List.of(d.phase(), String.valueOf(d.startedAt()), d.roomsAtStart(), d.roomsMoved(),
                d.roomsRemaining());
    }
}
