package org.ottbalancer.balancer.behaviour;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.ottbalancer.balancer.harness.BalancerFixture.QUIET;
import static org.ottbalancer.balancer.harness.BalancerFixture.WAIT;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ottbalancer.balancer.harness.BalancerFixture;
import org.ottbalancer.balancer.harness.CloseStatus;
import org.ottbalancer.balancer.harness.Eventually;
import org.ottbalancer.balancer.harness.MockMonolith;
import org.ottbalancer.balancer.harness.MockMonolith.FirstFrame;
import org.ottbalancer.balancer.harness.RunningBalancer;
import org.ottbalancer.balancer.harness.TestLimits;
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.ProtocolCodec;

/** Spec §2.2 and §2.9: how a monolith link is established, and what happens when a monolith misbehaves doing it. */
class MonolithHandshakeTest {
    @RegisterExtension
    final BalancerFixture fx = new BalancerFixture();

    @Test
    void balancerSendsInitWithItsIdAsTheFirstFrame() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.discover(m);

        MockMonolith.Received first = m.awaitFrame(WAIT);
        assertEquals(new B2M.Init(b.id()), first.message(), "first frame: " + first.text());
    }

    @Test
    void monolithIsRegisteredWithIdAndRegionFromItsInit() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith(MockMonolith.Options.defaults().withRegion("ewr"));
        b.connect(m);

        var monolith = b.state().path("monoliths").get(0);
        assertEquals(m.id().toString(), monolith.path("id").asText());
        assertEquals("ewr", monolith.path("region").asText());
    }

    @Test
    void initSentWithinTheInitTimeoutIsAccepted() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith(MockMonolith.Options.defaults().withInitDelay(Duration.ofMillis(300)));
        b.connect(m);
    }

    @Test
    void monolithThatNeverSendsInitIsClosedWith4000AfterTheInitTimeout() {
        RunningBalancer b = fx.balancer(c -> c.withLimits(TestLimits.fast().monolithInitTimeout(Duration.ofMillis(300)).build()));
        MockMonolith m = fx.monolith(MockMonolith.Options.defaults().withFirstFrame(FirstFrame.NOTHING));
        b.discover(m);

        CloseStatus close = m.awaitCloseFrame(WAIT);
        assertEquals(new CloseStatus(4000, "did not send init"), close);
    }

    @Test
    void monolithWhoseFirstFrameIsAnotherMessageIsClosedWith1002DidNotSendInit() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith(MockMonolith.Options.defaults().withFirstFrame(FirstFrame.NON_INIT));
        b.discover(m);

        assertEquals(new CloseStatus(1002, "did not send init"), m.awaitCloseFrame(WAIT));
    }

    @Test
    void monolithWhoseFirstFrameIsNotJsonIsClosedWith1002FailedToDeserialize() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith(MockMonolith.Options.defaults().withFirstFrame(FirstFrame.GARBAGE));
        b.discover(m);

        assertEquals(new CloseStatus(1002, "failed to deserialize message"), m.awaitCloseFrame(WAIT));
    }

    @Test
    void monolithWhoseFirstFrameIsBinaryLosesItsLinkAndIsNotRegistered() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith(MockMonolith.Options.defaults().withFirstFrame(FirstFrame.BINARY));
        b.discover(m);

        m.awaitAcceptedLinks(1, WAIT);
        Eventually.await(WAIT, "first link closed", () -> m.links() == 0 || m.acceptedLinks() > 1);
        assertFalse(b.registeredMonoliths().contains(m.id()));
    }

    @Test
    void failedHandshakeIsRetriedWithBackOff() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith(MockMonolith.Options.defaults().withFirstFrame(FirstFrame.NON_INIT));
        b.discover(m);

        m.awaitAcceptedLinks(3, WAIT);
    }

    @Test
    void monolithThatFailedItsHandshakeIsRegisteredOnceItBehaves() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith(MockMonolith.Options.defaults().withFirstFrame(FirstFrame.GARBAGE));
        b.discover(m);
        m.awaitCloseFrame(WAIT);

        m.firstFrame(FirstFrame.INIT);
        b.awaitRegistered(m);
    }

    @Test
    void initAfterTheHandshakeIsIgnored() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith(MockMonolith.Options.defaults().withRegion("ewr"));
        b.connect(m);

        m.send(new M2B.Init(1234, "iad", UUID.randomUUID()));
        m.load("still-here", 1);

        Eventually.await(WAIT, "room reported after the second init", () -> b.http().get("/api/room/list").body().contains("still-here"));
        var monoliths = b.state().path("monoliths");
        assertEquals(1, monoliths.size());
        assertEquals(m.id().toString(), monoliths.get(0).path("id").asText());
        assertEquals("ewr", monoliths.get(0).path("region").asText());
    }

    @Test
    void pingFromMonolithIsAnsweredWithOnePongCarryingTheSamePayload() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);

        byte[] payload = "are you there".getBytes(StandardCharsets.UTF_8);
        m.ping(payload);

        assertArrayEquals(payload, m.awaitPong(WAIT));
        m.awaitNoPong(QUIET);
    }

    @Test
    void binaryFrameHoldingJsonIsAcceptedAsAMessageAfterTheHandshake() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);

        m.sendBinary(ProtocolCodec.encode(new M2B.Loaded(MockMonolith.metadata("binary-room",
                org.ottbalancer.protocol.Visibility.PUBLIC, 0), 7)));

        Eventually.await(WAIT, "room from binary loaded listed", () -> b.http().get("/api/room/list").body().contains("binary-room"));
    }

    @Test
    void everyNewLinkStartsWithTheSameBalancerId() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        B2M.Init first = m.awaitMessage(B2M.Init.class, WAIT);

        m.dropLinks();
        B2M.Init second = m.awaitMessage(B2M.Init.class, WAIT);

        assertNotNull(first);
        assertEquals(first, second);
    }
}
