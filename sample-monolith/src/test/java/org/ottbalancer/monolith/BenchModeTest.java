package org.ottbalancer.monolith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ottbalancer.monolith.support.Clients;
import org.ottbalancer.monolith.support.Fixture;
import org.ottbalancer.monolith.support.TestBalancerLink;
import org.ottbalancer.protocol.M2B;

class BenchModeTest {
    private final Fixture f = new Fixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void echoSendsThePayloadBackVerbatimToTheSenderOnly() {
        SampleMonolith m = f.start(Fixture.config().withBench(true));
        f.room(m, "bench");
        TestBalancerLink link = f.link(m);
        UUID sender = Clients.join(f, link, "bench");
        String payload = "{\"action\":\"echo\",\"seq\":7,\"pad\":\"xyz\"}";
        link.clientMsg(sender, payload);
        M2B.RoomMsg echo = link.expectSkippingGossip(M2B.RoomMsg.class);
        assertEquals(sender, echo.clientId().orElseThrow());
        assertEquals(payload, echo.payload().text());
    }

    @Test
    void broadcastSendsThePayloadVerbatimToTheRoomWithoutSaving() throws InterruptedException {
        SampleMonolith m = f.start(Fixture.config().withBench(true).withSaveDelay(Duration.ofMillis(50)));
        f.room(m, "bench");
        TestBalancerLink link = f.link(m);
        UUID sender = Clients.join(f, link, "bench");
        String payload = "{\"action\":\"broadcast\",\"seq\":1}";
        link.clientMsg(sender, payload);
        M2B.RoomMsg msg = link.expectSkippingGossip(M2B.RoomMsg.class);
        assertTrue(msg.isBroadcast());
        assertEquals(payload, msg.payload().text());
        Thread.sleep(200);
        assertEquals(0, m.metrics().saveCount());
    }
}
