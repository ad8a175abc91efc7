package org.ottbalancer.balancer.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The in-flight gauge and the latency histogram (spec §8, §10.22). */
class HttpProxyMetricsTest {
    @Test
    void inFlightGaugeIsBackToZeroAfterASuccess() throws Exception {
        try (ProxyRig rig = ProxyRig.start()) {
            assertEquals(200, rig.get("/").statusCode());

            ProxyRig.await("in-flight gauge is zero", () -> rig.inFlight() == 0);
        }
    }

    @Test
    void inFlightGaugeIsBackToZeroAfterAFailure() throws Exception {
        try (ProxyRig rig = ProxyRig.start()) {
            rig.origin.behave(OriginServer.closeWithoutAnswer());

            assertEquals(502, rig.get("/").statusCode());

            ProxyRig.await("in-flight gauge is zero", () -> rig.inFlight() == 0);
        }
    }

    @Test
    void inFlightGaugeIsBackToZeroAfterATimeout() throws Exception {
        try (ProxyRig rig = ProxyRig.start(ProxyRig.limits(Duration.ofMillis(200), 1 << 20))) {
            rig.origin.behave(OriginServer.neverAnswer());

            assertEquals(504, rig.get("/").statusCode());

            ProxyRig.await("in-flight gauge is zero", () -> rig.inFlight() == 0);
        }
    }

    @Test
    void clientAbortEndsTheExchangeAndDropsTheMonolithConnection() throws Exception {
        try (ProxyRig rig = ProxyRig.start()) {
            rig.origin.behave(OriginServer.neverAnswer());
            try (RawHttpConnection raw = new RawHttpConnection(rig.front.port())) {
                raw.send("", "GET /slow HTTP/1.1", "Host: example.org");
                rig.origin.nextRequest();
                assertEquals(1, rig.inFlight());
            }

            ProxyRig.await("in-flight gauge is zero", () -> rig.inFlight() == 0);
            ProxyRig.await("the monolith connection is closed", () -> rig.origin.connectionsOpen() == 0);
            assertEquals(0, rig.errors("other"), "a client leaving is not a proxy error");
        }
    }

    @Test
    void everyExchangeIsTimedUnderItsMonolith() throws Exception {
        try (ProxyRig rig = ProxyRig.start()) {
            rig.get("/");
            rig.origin.behave(OriginServer.closeWithoutAnswer());
            rig.get("/");

            ProxyRig.await("two latency samples", () -> rig.latencySamples() == 2);
        }
    }

    @Test
    void gaugeCountsRequestsWaitingForTheMonolith() throws Exception {
        try (ProxyRig rig = ProxyRig.start()) {
            rig.origin.behave(OriginServer.neverAnswer());
            try (RawHttpConnection first = new RawHttpConnection(rig.front.port());
                 RawHttpConnection second = new RawHttpConnection(rig.front.port())) {
                first.send("", "GET /a HTTP/1.1", "Host: example.org");
                second.send("", "GET /b HTTP/1.1", "Host: example.org");
                rig.origin.nextRequest();
                rig.origin.nextRequest();

                assertEquals(2, rig.inFlight());
            }
            ProxyRig.await("in-flight gauge is zero", () -> rig.inFlight() == 0);
        }
    }

    @Test
    void frontEndOnAnotherEventLoopGroupIsServedAndCleanedUpToo() throws Exception {
        try (ProxyRig rig = ProxyRig.withSeparateFrontEndGroup()) {
            assertEquals("hello", rig.get("/").body());
            rig.origin.behave(OriginServer.neverAnswer());
            try (RawHttpConnection raw = new RawHttpConnection(rig.front.port())) {
                raw.send("", "GET /slow HTTP/1.1", "Host: example.org");
                rig.origin.nextRequest();
            }

            ProxyRig.await("in-flight gauge is zero", () -> rig.inFlight() == 0);
        }
    }
}
