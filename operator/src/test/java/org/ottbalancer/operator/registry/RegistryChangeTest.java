package org.ottbalancer.operator.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ottbalancer.protocol.registry.MonolithEntry;
import org.ottbalancer.protocol.registry.MonolithState;

class RegistryChangeTest {
    private static MonolithEntry entry(String pod, String host, MonolithState state, Double load) {
        return new MonolithEntry("id-" + pod, pod, host, 3003, null, state, load);
    }

    private static RegistryChange change(Double before, Double after) {
        return RegistryChange.between(List.of(entry("a", "10.0.0.1", MonolithState.ACTIVE, before)),
                List.of(entry("a", "10.0.0.1", MonolithState.ACTIVE, after)), 0.2);
    }

    @Test
    void loadWithinTwentyPercentIsNoChange() {
        assertEquals(RegistryChange.NONE, change(100.0, 119.0));
        assertEquals(RegistryChange.NONE, change(100.0, 81.0));
    }

    @Test
    void loadBeyondTwentyPercentIsALoadChange() {
        assertEquals(RegistryChange.LOAD, change(100.0, 121.0));
        assertEquals(RegistryChange.LOAD, change(null, 3.0));
    }

    @Test
    void smallLoadsAreComparedAgainstAFloorSoNoiseNearZeroIsIgnored() {
        assertEquals(RegistryChange.NONE, change(0.1, 0.9));
        assertEquals(RegistryChange.LOAD, change(0.0, 6.0));
    }

    @Test
    void aNewMonolithOrAStateChangeIsAMembershipChange() {
        List<MonolithEntry> one = List.of(entry("a", "10.0.0.1", MonolithState.ACTIVE, 1.0));
        assertEquals(RegistryChange.MEMBERSHIP_OR_STATE, RegistryChange.between(one,
                List.of(entry("a", "10.0.0.1", MonolithState.ACTIVE, 1.0), entry("b", "10.0.0.2", MonolithState.ACTIVE, 0.0)),
                0.2));
        assertEquals(RegistryChange.MEMBERSHIP_OR_STATE, RegistryChange.between(one,
                List.of(entry("a", "10.0.0.1", MonolithState.DRAINING, 1.0)), 0.2));
    }
}
