package org.ottbalancer.balancer.routing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegionFilterTest {

    @Test
    void keepsOnlyMonolithsInTheBalancersRegionWhenThereAreAny() {
        TestCandidate ewr1 = TestCandidate.active("ewr", 0);
        TestCandidate ams = TestCandidate.active("ams", 0);
        TestCandidate ewr2 = TestCandidate.active("ewr", 0);

        assertEquals(List.of(ewr1, ewr2), RegionFilter.candidates("ewr", List.of(ewr1, ams, ewr2)));
    }

    @Test
    void fallsBackToAllMonolithsWhenNoneIsInRegion() {
        List<TestCandidate> connected = List.of(TestCandidate.active("ams", 0), TestCandidate.active("sin", 0));

        assertEquals(connected, RegionFilter.candidates("ewr", connected));
    }

    @Test
    void fallsBackToAllMonolithsAfterTheLastInRegionMonolithLeft() {
        List<TestCandidate> connected = new ArrayList<>(List.of(TestCandidate.active("ewr", 0), TestCandidate.active("ams", 0)));
        connected.remove(0);

        assertEquals(connected, RegionFilter.candidates("ewr", connected));
    }

    @Test
    void defaultRegionsPutEveryMonolithInRegion() {
        List<TestCandidate> connected = List.of(TestCandidate.active("unknown", 0), TestCandidate.active("unknown", 0));

        assertSame(connected, RegionFilter.candidates("unknown", connected));
    }

    @Test
    void regionsCompareExactly() {
        TestCandidate upper = TestCandidate.active("EWR", 0);
        TestCandidate exact = TestCandidate.active("ewr", 0);

        assertEquals(List.of(exact), RegionFilter.candidates("ewr", List.of(upper, exact)));
    }

    @Test
    void noConnectedMonolithsGiveNoCandidates() {
        assertEquals(List.of(), RegionFilter.candidates("ewr", List.<TestCandidate>of()));
    }

    @Test
    void neverModifiesTheGivenList() {
        TestCandidate ewr = TestCandidate.active("ewr", 0);
        TestCandidate ams = TestCandidate.active("ams", 0);
        List<TestCandidate> connected = new ArrayList<>(List.of(ams, ewr));

        RegionFilter.candidates("ewr", connected);

        assertEquals(List.of(ams, ewr), connected);
    }
}
