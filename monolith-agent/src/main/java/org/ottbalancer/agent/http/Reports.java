package org.ottbalancer.agent.http;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.ottbalancer.agent.drain.DrainCoordinator;
import org.ottbalancer.agent.tracking.LoadSource;
import org.ottbalancer.agent.tracking.TrackedRoomView;
import org.ottbalancer.agent.tracking.TrackerSnapshot;
import org.ottbalancer.protocol.RoomName;
import org.ottbalancer.protocol.agent.AgentReport;
import org.ottbalancer.protocol.agent.RoomReport;

/** Builds the {@code GET /report} document from the tracker and the drain. */
public final class Reports {
    private Reports() {
    }

    public static AgentReport build(TrackerSnapshot snapshot, DrainCoordinator drain, int balancerLinks,
            Instant startedAt, LoadSource loadSource) {
        Map<RoomName, String> phases = drain.phases();
        List<RoomReport> rooms = new ArrayList<>(snapshot.rooms().size());
        for (TrackedRoomView r : snapshot.rooms()) {
            rooms.add(new RoomReport(r.name().value(), r.loadEpoch(), r.clients(), round(r.messagesPerSecond()),
                    r.lastClientMessage(), phases.getOrDefault(r.name(), "serving")));
        }
        double load = loadSource.score(snapshot);
        return new AgentReport(AgentReport.CURRENT_VERSION, snapshot.monolithId(), snapshot.region(), drain.state(),
                balancerLinks, rooms.size(), snapshot.users(), round(load), Instant.now(), startedAt, rooms,
                drain.report());
    }

    private static double round(double v) {
        return Math.round(v * 1000.0) / 1000.0;
    }
}
