package org.ottbalancer.protocol.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ottbalancer.protocol.registry.MonolithState;

class AgentDocumentsTest {
    @Test
    void reportRoundTrips() {
        AgentReport report = new AgentReport(1, "2b0e0a52-7a1e-4a64-8d2c-33b5d6b1c0aa", "ewr", MonolithState.DRAINING, 2, 1, 3, 4.5,
                Instant.parse("2026-11-23T12:00:00Z"), Instant.parse("2026-11-23T11:00:00Z"),
                List.of(new RoomReport("foo", 42L, 3, 1.5, Instant.parse("2026-11-23T11:59:59Z"), "frozen")),
                new DrainReport("running", Instant.parse("2026-11-23T11:59:00Z"), null, 4, 3, 1, 5200, null));
        assertEquals(report, AgentDocuments.parseReport(AgentDocuments.write(report)));
    }

    @Test
    void timestampsAreWrittenAsIsoText() {
        String json = AgentDocuments.write(new RoomReport("foo", null, 0, 0, Instant.parse("2026-11-23T11:59:59Z"), null));
        assertTrue(json.contains("\"last_client_message\":\"2026-11-23T11:59:59Z\""), json);
    }

    @Test
    void emptyDrainRequestMeansDefaults() {
        assertEquals(DrainRequest.DEFAULTS, AgentDocuments.parseDrainRequest(""));
        assertEquals(DrainRequest.DEFAULTS, AgentDocuments.parseDrainRequest("{}"));
    }

    @Test
    void drainRequestOptionsAreRead() {
        assertEquals(new DrainRequest(60.0, 6.0, 8),
                AgentDocuments.parseDrainRequest("{\"deadline_seconds\":60,\"settle_seconds\":6,\"concurrency\":8}"));
    }

    @Test
    void invalidDrainRequestIsRejectedNamingTheField() {
        String message = assertThrows(IllegalArgumentException.class,
                () -> AgentDocuments.parseDrainRequest("{\"concurrency\":0}")).getMessage();
        assertTrue(message.contains("concurrency"), message);
    }
}
