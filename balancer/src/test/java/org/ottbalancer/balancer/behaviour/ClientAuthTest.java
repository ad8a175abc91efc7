package org.ottbalancer.balancer.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.ottbalancer.balancer.harness.BalancerFixture.QUIET;
import static org.ottbalancer.balancer.harness.BalancerFixture.WAIT;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ottbalancer.balancer.harness.BalancerFixture;
import org.ottbalancer.balancer.harness.CloseStatus;
import org.ottbalancer.balancer.harness.Eventually;
import org.ottbalancer.balancer.harness.JoinedClient;
import org.ottbalancer.balancer.harness.MockClient;
import org.ottbalancer.balancer.harness.MockMonolith;
import org.ottbalancer.balancer.harness.RunningBalancer;
import org.ottbalancer.balancer.harness.TestLimits;
import org.ottbalancer.balancer.harness.UpgradeRejectedException;
import org.ottbalancer.protocol.B2M;

/** Spec §3.1 and §3.2: the client endpoint and the first frame a client must send. */
class ClientAuthTest {
    @RegisterExtension
    final BalancerFixture fx = new BalancerFixture();

    @Test
    void upgradeIsRejectedWith503WhenNoMonolithIsConnected() {
        RunningBalancer b = fx.balancer();

        UpgradeRejectedException rejected = assertThrows(UpgradeRejectedException.class, () -> b.open("foo"));

        assertEquals(503, rejected.status());
        assertEquals("No monoliths available to handle request.", rejected.body());
    }

    @Test
    void authMakesTheBalancerSendJoinWithRoomAsWrittenAndTokenVerbatim() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);

        MockClient client = b.open("MixedCase_Room-1");
        client.auth("opaque/token+with=chars");

        B2M.Join join = m.awaitMessage(B2M.Join.class, WAIT);
        assertEquals("MixedCase_Room-1", join.room().value());
        assertEquals("opaque/token+with=chars", join.token());
    }

    @Test
    void everyConnectionGetsItsOwnClientId() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);

        JoinedClient first = b.join("foo", m);
        JoinedClient second = b.join("foo", m);

        org.junit.jupiter.api.Assertions.assertNotEquals(first.id(), second.id());
    }

    @Test
    void nothingReachesTheMonolithBeforeAuth() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        m.awaitMessage(B2M.Init.class, WAIT);

        b.open("foo");

        m.awaitNoMessage(B2M.class, QUIET);
    }

    @Test
    void firstFrameWithAnotherActionIsClosedWith4004() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);

        MockClient client = b.open("foo");
        client.sendText("{\"action\":\"req\",\"request\":{\"type\":11,\"text\":\"hi\"}}");

        assertEquals(new CloseStatus(4004, "did not send auth token"), client.awaitClose(WAIT));
        m.awaitNoMessage(B2M.Join.class, QUIET);
    }

    @Test
    void firstFrameThatIsNotJsonIsClosedWith1002() {
        RunningBalancer b = fx.balancer();
        b.connect(fx.monolith());

        MockClient client = b.open("foo");
        client.sendText("hello there");

        assertEquals(new CloseStatus(1002, "failed to deserialize message"), client.awaitClose(WAIT));
    }

    @Test
    void firstFrameWithoutActionIsClosedWith1002() {
        RunningBalancer b = fx.balancer();
        b.connect(fx.monolith());

        MockClient client = b.open("foo");
        client.sendText("{\"token\":\"abc\"}");

        assertEquals(new CloseStatus(1002, "failed to deserialize message"), client.awaitClose(WAIT));
    }

    @Test
    void authWithoutAStringTokenIsClosedWith1002() {
        RunningBalancer b = fx.balancer();
        b.connect(fx.monolith());

        MockClient client = b.open("foo");
        client.sendText("{\"action\":\"auth\",\"token\":42}");

        assertEquals(new CloseStatus(1002, "failed to deserialize message"), client.awaitClose(WAIT));
    }

    @Test
    void clientThatDoesNotAuthenticateWithinTheAuthTimeoutIsClosedWith4004() {
        RunningBalancer b = fx.balancer(c -> c.withLimits(TestLimits.fast().authTimeout(Duration.ofMillis(300)).build()));
        MockMonolith m = fx.monolith();
        b.connect(m);

        MockClient client = b.open("foo");

        assertEquals(new CloseStatus(4004, "did not send auth token"), client.awaitClose(WAIT));
        m.awaitNoMessage(B2M.Join.class, QUIET);
    }

    @Test
    void authFrameIsNotForwardedAsClientMessage() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);

        b.join("foo", m);

        m.awaitNoMessage(B2M.ClientMsg.class, QUIET);
    }

    @Test
    void roomIsTheFirstPathSegmentAndTheQueryIsIgnored() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);

        MockClient client = b.open(b.clientTo().path("/api/room/movie-night/extra/segments?reconnect=true"));
        JoinedClient joined = b.authenticate(client, m);

        assertEquals("movie-night", joined.join().room().value());
    }

    @Test
    void roomPathWithTrailingSlashIsAccepted() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);

        MockClient client = b.open(b.clientTo().path("/api/room/slashed/"));
        JoinedClient joined = b.authenticate(client, m);

        assertEquals("slashed", joined.join().room().value());
    }

    @Test
    void flyRegionHeaderIsReportedAsTheClientsEdgeRegion() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);

        MockClient client = b.open(b.clientTo().room("foo").header("Fly-Region", "iad"));
        JoinedClient joined = b.authenticate(client, m);

        JsonNode reported = Eventually.awaitValue(WAIT, "client in /api/state", () -> findClient(b.state(), joined.id().toString()));
        assertEquals("iad", reported.path("edge_region").asText());
    }

    @Test
    void clientWithoutFlyRegionHeaderHasEdgeRegionUnknown() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);

        JoinedClient joined = b.join("foo", m);

        JsonNode reported = Eventually.awaitValue(WAIT, "client in /api/state", () -> findClient(b.state(), joined.id().toString()));
        assertEquals("unknown", reported.path("edge_region").asText());
    }

    static JsonNode findClient(JsonNode state, String clientId) {
        for (JsonNode m : state.path("monoliths")) {
            for (JsonNode room : m.path("rooms")) {
                for (JsonNode c : room.path("clients")) {
                    if (c.path("id").asText().equals(clientId)) {
                        return c;
                    }
                }
            }
        }
        return null;
    }
}
