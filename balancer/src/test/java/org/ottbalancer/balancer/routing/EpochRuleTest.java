package org.ottbalancer.balancer.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ottbalancer.balancer.routing.EpochDecision.Conflict;
import org.ottbalancer.balancer.routing.EpochDecision.Install;
import org.ottbalancer.balancer.routing.EpochDecision.RejectReported;
import org.ottbalancer.balancer.routing.EpochDecision.ReplaceExisting;
import org.ottbalancer.protocol.LoadEpoch;

/** The duplicate-room table of spec §5.5, with M the reporter and O another monolith. */
class EpochRuleTest {
    private final UUID m = UUID.fromString("00000000-0000-4000-8000-00000000000a");
    private final UUID o = UUID.fromString("00000000-0000-4000-8000-00000000000b");

    // §5.5 row 1: no locator, or locator on M.

    @Test
    void anUnmappedRoomIsInstalledOnTheReporter() {
        assertEquals(new Install(new RoomLocator(m, 7)), EpochRule.decide(null, m, 7));
    }

    @Test
    void aReportFromTheMappedMonolithWithTheSameEpochKeepsTheMapping() {
        assertEquals(new Install(new RoomLocator(m, 7)), EpochRule.decide(new RoomLocator(m, 7), m, 7));
    }

    // §5.5 row 2: existing on O is older.

    @Test
    void aYoungerDuplicateOnAnotherMonolithIsToldToUnload() {
        assertEquals(new RejectReported(m), EpochRule.decide(new RoomLocator(o, 5), m, 9));
    }

    // §5.5 row 3: reported is older.

    @Test
    void anOlderInstanceReportedElsewhereReplacesTheMappingAndUnloadsThePreviousHolder() {
        assertEquals(new ReplaceExisting(o), EpochRule.decide(new RoomLocator(o, 9), m, 5));
    }

    // §5.5 row 4: equal epochs on different monoliths.

    @Test
    void equalEpochsOnDifferentMonolithsAreAConflictThatKeepsTheExistingMapping() {
        assertEquals(new Conflict(), EpochRule.decide(new RoomLocator(o, 5), m, 5));
    }

    @Test
    void epochsCompareAsUnsignedThirtyTwoBitValues() {
        long large = 3_000_000_000L;

        assertEquals(new RejectReported(m), EpochRule.decide(new RoomLocator(o, 1), m, large));
        assertEquals(new ReplaceExisting(o), EpochRule.decide(new RoomLocator(o, large), m, 1));
    }

    // §10 item 3: placeholders.

    @Test
    void theOwnersFirstReportReplacesItsPlaceholderWithTheRealEpochWithoutUnload() {
        assertEquals(new Install(new RoomLocator(m, 42)), EpochRule.decide(RoomLocator.placeholder(m), m, 42));
    }

    @Test
    void aPlaceholderOnAnotherMonolithLosesToAnyRealReport() {
        assertEquals(new ReplaceExisting(o), EpochRule.decide(RoomLocator.placeholder(o), m, 2_147_483_639L));
    }

    @Test
    void afterARestartTheOwnersGossipInstallsTheRealEpochSoALaterYoungerDuplicateIsTheOneUnloaded() {
        EpochDecision ownerGossip = EpochRule.decide(RoomLocator.placeholder(m), m, 10);
        RoomLocator installed = ((Install) ownerGossip).locator();

        assertEquals(new RoomLocator(m, 10), installed);
        assertEquals(new RejectReported(o), EpochRule.decide(installed, o, 11));
    }

    // §12.4: several copies of one room on the same monolith.

    @Test
    void aYoungerCopyOnTheSameMonolithKeepsTheOlderEpochAndIsNeverUnloaded() {
        assertEquals(new Install(new RoomLocator(m, 7)), EpochRule.decide(new RoomLocator(m, 7), m, 12));
    }

    @Test
    void anOlderCopyOnTheSameMonolithLowersTheEpochAndIsNeverUnloaded() {
        assertEquals(new Install(new RoomLocator(m, 7)), EpochRule.decide(new RoomLocator(m, 12), m, 7));
    }

    @Test
    void copiesOnTheSameMonolithSettleOnTheSmallestEpochWhateverTheOrderOfReports() {
        RoomLocator ascending = RoomLocator.placeholder(m);
        RoomLocator descending = RoomLocator.placeholder(m);
        for (long epoch : new long[] {20, 21, 22}) {
            ascending = ((Install) EpochRule.decide(ascending, m, epoch)).locator();
        }
        for (long epoch : new long[] {22, 21, 20}) {
            descending = ((Install) EpochRule.decide(descending, m, epoch)).locator();
        }

        assertEquals(new RoomLocator(m, 20), ascending);
        assertEquals(ascending, descending);
    }

    @Test
    void theOldestCopyOnAMonolithDecidesAgainstADuplicateElsewhere() {
        RoomLocator afterTwoCopies = ((Install) EpochRule.decide(new RoomLocator(m, 20), m, 30)).locator();

        assertEquals(new RejectReported(o), EpochRule.decide(afterTwoCopies, o, 25));
    }

    // Bad input.

    @Test
    void aReportedEpochOutsideThirtyTwoBitsIsRejected() {
        assertThrows(IllegalArgumentException.class, () -> EpochRule.decide(null, m, -1));
        assertThrows(IllegalArgumentException.class, () -> EpochRule.decide(null, m, LoadEpoch.PLACEHOLDER + 1));
    }

    @Test
    void aMissingReporterIsRejected() {
        assertThrows(NullPointerException.class, () -> EpochRule.decide(null, null, 1));
    }

    // §5.6 / §10 item 4: unloaded only unmaps the reporter's own mapping.

    @Test
    void unloadedFromTheMappedMonolithUnmapsTheRoom() {
        assertTrue(EpochRule.unloadedUnmaps(new RoomLocator(m, 3), m));
    }

    @Test
    void lateUnloadedFromALosingDuplicateDoesNotUnmapTheWinner() {
        assertFalse(EpochRule.unloadedUnmaps(new RoomLocator(o, 3), m));
    }

    @Test
    void unloadedForAnUnmappedRoomUnmapsNothing() {
        assertFalse(EpochRule.unloadedUnmaps(null, m));
    }

    @Test
    void unloadedFromTheMonolithHoldingAPlaceholderUnmapsIt() {
        assertTrue(EpochRule.unloadedUnmaps(RoomLocator.placeholder(m), m));
    }
}
