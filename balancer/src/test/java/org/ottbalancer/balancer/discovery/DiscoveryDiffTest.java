package org.ottbalancer.balancer.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ottbalancer.protocol.registry.MonolithEntry;
import org.ottbalancer.protocol.registry.MonolithState;

class DiscoveryDiffTest {
    private static final MonolithEntry A = MonolithEntry.active("10.0.0.1", 3002);
    private static final MonolithEntry B = MonolithEntry.active("10.0.0.2", 3002);
    private static final MonolithEntry C = MonolithEntry.active("10.0.0.3", 3002);

    private static MonolithEntry entry(String host, String id, String region, MonolithState state, Double load) {
        return new MonolithEntry(id, null, host, 3002, region, state, load);
    }

    @Test
    void sameSetIsAnEmptyDiff() {
        DiscoveryDiff diff = DiscoveryDiff.between(List.of(A, B), List.of(B, A));

        assertTrue(diff.isEmpty());
    }

    @Test
    void newEndpointsAreAddedAndMissingOnesRemoved() {
        DiscoveryDiff diff = DiscoveryDiff.between(List.of(A, B), List.of(B, C));

        assertEquals(List.of(C), diff.added());
        assertEquals(List.of(A), diff.removed());
        assertEquals(List.of(), diff.changed());
        assertFalse(diff.isEmpty());
    }

    @Test
    void startingFromNothingAddsEverything() {
        DiscoveryDiff diff = DiscoveryDiff.between(List.of(), List.of(A, B));

        assertEquals(List.of(A, B), diff.added());
        assertEquals(List.of(), diff.removed());
    }

    @Test
    void sameEndpointOnAnotherPortIsADifferentMonolith() {
        MonolithEntry otherPort = MonolithEntry.active("10.0.0.1", 3003);

        DiscoveryDiff diff = DiscoveryDiff.between(List.of(A), List.of(otherPort));

        assertEquals(List.of(otherPort), diff.added());
        assertEquals(List.of(A), diff.removed());
    }

    @Test
    void drainingMonolithIsChangedNotRemoved() {
        MonolithEntry draining = entry("10.0.0.1", null, null, MonolithState.DRAINING, null);

        DiscoveryDiff diff = DiscoveryDiff.between(List.of(A, B), List.of(draining, B));

        assertEquals(List.of(draining), diff.changed());
        assertEquals(List.of(), diff.added());
        assertEquals(List.of(), diff.removed());
    }

    @Test
    void loadIdAndRegionChangesAreChangesCarryingTheCurrentEntry() {
        MonolithEntry before = entry("10.0.0.1", "m1", "ewr", MonolithState.ACTIVE, 1.0);
        MonolithEntry newLoad = entry("10.0.0.1", "m1", "ewr", MonolithState.ACTIVE, 2.5);
        MonolithEntry newId = entry("10.0.0.1", "m2", "ewr", MonolithState.ACTIVE, 1.0);
        MonolithEntry newRegion = entry("10.0.0.1", "m1", "iad", MonolithState.ACTIVE, 1.0);

        assertEquals(List.of(newLoad), DiscoveryDiff.between(List.of(before), List.of(newLoad)).changed());
        assertEquals(List.of(newId), DiscoveryDiff.between(List.of(before), List.of(newId)).changed());
        assertEquals(List.of(newRegion), DiscoveryDiff.between(List.of(before), List.of(newRegion)).changed());
    }

    @Test
    void bracketedAndBareIpv6HostAreTheSameEndpoint() {
        MonolithEntry bare = MonolithEntry.active("::1", 3002);
        MonolithEntry bracketed = MonolithEntry.active("[::1]", 3002);

        assertTrue(DiscoveryDiff.between(List.of(bare), List.of(bracketed)).isEmpty());
    }

    @Test
    void everythingGoneIsAllRemoved() {
        DiscoveryDiff diff = DiscoveryDiff.between(List.of(A, B, C), List.of());

        assertEquals(List.of(A, B, C), diff.removed());
        assertEquals(List.of(), diff.added());
    }
}
