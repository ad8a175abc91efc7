package org.ottbalancer.operator.status;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.ottbalancer.operator.model.ClusterCondition;

class ConditionsTest {
    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");
    private static final Instant T1 = Instant.parse("2026-01-01T10:05:00Z");

    private static List<ClusterCondition> at(Instant now, List<ClusterCondition> previous, ConditionUpdate... updates) {
        return new Conditions(Clock.fixed(now, ZoneOffset.UTC)).merge(previous, List.of(updates), 7);
    }

    @Test
    void transitionTimeStaysWhileTheStatusStaysEvenIfReasonAndMessageChange() {
        List<ClusterCondition> first = at(T0, List.of(), ConditionUpdate.isFalse(ConditionType.Ready, "NotAvailable", "a"));
        List<ClusterCondition> second = at(T1, first, ConditionUpdate.isFalse(ConditionType.Ready, "ReconcileFailed", "b"));
        assertEquals("2026-01-01T10:00:00Z", second.get(0).getLastTransitionTime());
        assertEquals("ReconcileFailed", second.get(0).getReason());
        assertEquals("b", second.get(0).getMessage());
    }

    @Test
    void transitionTimeMovesWhenTheStatusFlips() {
        List<ClusterCondition> first = at(T0, List.of(), ConditionUpdate.isFalse(ConditionType.Ready, "NotAvailable", "a"));
        List<ClusterCondition> second = at(T1, first, ConditionUpdate.isTrue(ConditionType.Ready, "AllAvailable", "b"));
        assertEquals("True", second.get(0).getStatus());
        assertEquals("2026-01-01T10:05:00Z", second.get(0).getLastTransitionTime());
    }

    @Test
    void everyUpdatedConditionCarriesTheGeneration() {
        List<ClusterCondition> merged = at(T0, List.of(), ConditionUpdate.isTrue(ConditionType.Degraded, "InvalidSpec", "x"));
        assertEquals(7L, merged.get(0).getObservedGeneration());
    }

    @Test
    void conditionsNotUpdatedAreKeptAsTheyWere() {
        ClusterCondition draining = new ClusterCondition("Draining", "True", "DrainingMonolith", "ott-monolith-x",
                "2026-01-01T09:00:00Z", 6L);
        List<ClusterCondition> merged = at(T0, List.of(draining),
                ConditionUpdate.isTrue(ConditionType.Ready, "AllAvailable", "ok"));
        assertEquals(List.of("Ready", "Draining"), merged.stream().map(ClusterCondition::getType).toList());
        assertEquals(draining, merged.get(1));
    }
}
