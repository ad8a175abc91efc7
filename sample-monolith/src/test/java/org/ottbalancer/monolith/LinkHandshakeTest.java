package org.ottbalancer.monolith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ottbalancer.monolith.support.Fixture;
import org.ottbalancer.monolith.support.TestBalancerLink;
import org.ottbalancer.monolith.support.TestWebSocket;
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.M2B;

class LinkHandshakeTest {
    private final Fixture f = new Fixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void monolithSendsInitWithHttpPortRegionAndIdAsSoonAsTheLinkOpens() {
        SampleMonolith m = f.start(Fixture.config().withRegion("ewr"));
        TestBalancerLink link = f.rawLink(m);
        M2B.Init init = link.expect(M2B.Init.class);
        assertEquals(m.httpPort(), init.port());
        assertEquals("ewr", init.region());
        assertEquals(m.id(), init.id());
    }

    @Test
    void fullGossipFollowsTheBalancersInitAndNotBefore() {
        SampleMonolith m = f.start();
        f.room(m, "lobby");
        TestBalancerLink link = f.rawLink(m);
        link.expect(M2B.Init.class);
        link.expectSilence(Duration.ofMillis(300));
        link.send(new B2M.Init(UUID.randomUUID()));
        M2B.Gossip gossip = link.expect(M2B.Gossip.class);
        assertEquals(1, gossip.rooms().size());
        assertEquals("lobby", gossip.rooms().get(0).room().name().value());
    }

    @Test
    void linkWithoutBalancerInitIsClosedWith1002AfterTheTimeout() {
        SampleMonolith m = f.start(Fixture.config().withBalancerInitTimeout(Duration.ofMillis(300)));
        TestBalancerLink link = f.rawLink(m);
        link.expect(M2B.Init.class);
        TestWebSocket.Closed closed = link.awaitClose(Duration.ofSeconds(5));
        assertEquals(1002, closed.code());
        assertEquals("Balancer did not send init message", closed.reason());
    }

    @Test
    void messagesBeforeTheBalancersInitAreIgnored() {
        SampleMonolith m = f.start();
        f.room(m, "lobby");
        TestBalancerLink link = f.rawLink(m);
        link.expect(M2B.Init.class);
        UUID client = UUID.randomUUID();
        link.join("lobby", client, f.token());
        link.send(new B2M.Unload(org.ottbalancer.protocol.RoomName.of("lobby")));
        link.expectSilence(Duration.ofMillis(300));
        link.send(new B2M.Init(UUID.randomUUID()));
        M2B.Gossip gossip = link.expect(M2B.Gossip.class);
        assertEquals(1, gossip.rooms().size(), "the unload before init must not have been obeyed");
        link.expectNothingBut(Duration.ofMillis(200));
    }

    @Test
    void unreadableMessagesAreDroppedAndTheLinkStaysUp() {
        SampleMonolith m = f.start();
        f.room(m, "lobby");
        TestBalancerLink link = f.link(m);
        link.sendRaw("{\"type\":\"bogus\",\"payload\":{}}");
        link.sendRaw("not json");
        UUID client = UUID.randomUUID();
        link.join("lobby", client, f.token());
        M2B.RoomMsg sync = link.expectSkippingGossip(M2B.RoomMsg.class);
        assertEquals(client, sync.clientId().orElseThrow());
        assertInstanceOf(M2B.RoomMsg.class, sync);
    }
}
