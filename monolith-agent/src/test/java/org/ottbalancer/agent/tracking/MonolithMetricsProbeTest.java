package org.ottbalancer.agent.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.OptionalDouble;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ottbalancer.agent.support.FakeMetricsEndpoint;
import org.ottbalancer.agent.support.Poll;
import org.ottbalancer.protocol.RoomName;

class MonolithMetricsProbeTest {
    private static final String LAG = "nodejs_eventloop_lag_seconds";
    /** Link score 3 + 4 × 1 = 7. */
    private static final TrackerSnapshot THREE_USERS_ONE_ROOM = new TrackerSnapshot(null, null,
            List.of(new TrackedRoomView(RoomName.of("movie"), 1, 3, 0, 0.0, null)), 3, 0.0);

    private FakeMetricsEndpoint endpoint;
    private MonolithMetricsProbe probe;

    @BeforeEach
    void start() {
        endpoint = FakeMetricsEndpoint.start();
        probe = new MonolithMetricsProbe(endpoint.url(), LAG, Duration.ofMillis(300));
    }

    @AfterEach
    void stop() {
        probe.close();
        endpoint.close();
    }

    private void scrape() throws Exception {
        probe.scrapeOnce().get(5, TimeUnit.SECONDS);
    }

    @Test
    void theLagTermIsAddedToTheLinkScore() throws Exception {
        endpoint.serve(200, FakeMetricsEndpoint.ottExposition("0.025"));
        scrape();
        LoadSource load = LoadSource.metrics(probe);
        assertEquals(OptionalDouble.of(0.025), probe.lagSeconds());
        assertEquals(3 + 4 + 25, load.score(THREE_USERS_ONE_ROOM), 1e-9);
        assertFalse(load.fallingBack());
        assertNull(probe.fallbackReason());
    }

    @Test
    void theLinkSignalIgnoresTheMonolithsMetrics() {
        assertEquals(7, LoadSource.link().score(THREE_USERS_ONE_ROOM), 1e-9);
        assertFalse(LoadSource.link().fallingBack());
    }

    @Test
    void beforeTheFirstScrapeTheScoreIsTheLinkScore() {
        LoadSource load = LoadSource.metrics(probe);
        assertEquals(7, load.score(THREE_USERS_ONE_ROOM), 1e-9);
        assertTrue(load.fallingBack());
    }

    @Test
    void notFoundFallsBackToTheLinkScore() throws Exception {
        endpoint.serve(404, "no metrics here");
        scrape();
        assertFallback("HTTP 404 from " + endpoint.url());
    }

    @Test
    void aMonolithThatDoesNotAnswerInTimeFallsBack() throws Exception {
        endpoint.hang();
        scrape();
        assertFallback("no answer from " + endpoint.url() + " within 300 ms");
    }

    @Test
    void aMonolithThatIsNotListeningFallsBack() throws Exception {
        URI closed = endpoint.url();
        endpoint.close();
        probe.close();
        probe = new MonolithMetricsProbe(closed, LAG, Duration.ofMillis(300));
        scrape();
        assertTrue(LoadSource.metrics(probe).fallingBack());
        assertTrue(probe.fallbackReason().contains(closed.toString()), probe.fallbackReason());
    }

    @Test
    void garbageFallsBack() throws Exception {
        endpoint.serve(200, "<html><body>It works!</body></html>");
        scrape();
        assertFallback(endpoint.url() + " has no " + LAG + " sample");
        endpoint.serve(200, LAG + " soon\n");
        scrape();
        assertTrue(probe.fallbackReason().startsWith(endpoint.url() + " served a malformed sample"),
                probe.fallbackReason());
    }

    @Test
    void aMissingMetricFallsBack() throws Exception {
        endpoint.serve(200, FakeMetricsEndpoint.ottExposition("0.01").replace(LAG + " ", "ott_other_gauge "));
        scrape();
        assertFallback(endpoint.url() + " has no " + LAG + " sample");
    }

    @Test
    void aNanOrInfiniteLagFallsBack() throws Exception {
        endpoint.serve(200, FakeMetricsEndpoint.ottExposition("NaN"));
        scrape();
        assertFallback(LAG + " at " + endpoint.url() + " is NaN, not a lag in seconds");
        endpoint.serve(200, FakeMetricsEndpoint.ottExposition("+Inf"));
        scrape();
        assertFallback(LAG + " at " + endpoint.url() + " is Infinity, not a lag in seconds");
    }

    @Test
    void theLagComesBackAfterAFallback() throws Exception {
        endpoint.serve(500, "");
        scrape();
        assertTrue(LoadSource.metrics(probe).fallingBack());
        endpoint.serve(200, FakeMetricsEndpoint.ottExposition("0.002"));
        scrape();
        assertEquals(OptionalDouble.of(0.002), probe.lagSeconds());
    }

    @Test
    void startedProbeKeepsScraping() {
        endpoint.serve(200, FakeMetricsEndpoint.ottExposition("0.001"));
        probe.start(Duration.ofMillis(20));
        Poll.until("first lag", () -> probe.lagSeconds().isPresent());
        endpoint.serve(200, FakeMetricsEndpoint.ottExposition("0.004"));
        Poll.until("the new lag", () -> probe.lagSeconds().equals(OptionalDouble.of(0.004)));
    }

    private void assertFallback(String reason) {
        assertEquals(reason, probe.fallbackReason());
        assertEquals(OptionalDouble.empty(), probe.lagSeconds());
        assertTrue(LoadSource.metrics(probe).fallingBack());
        assertEquals(7, LoadSource.metrics(probe).score(THREE_USERS_ONE_ROOM), 1e-9);
    }
}
