package org.ottbalancer.monolith;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ottbalancer.monolith.support.Clients;
import org.ottbalancer.monolith.support.Fixture;
import org.ottbalancer.monolith.support.TestBalancerLink;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.RoomName;
import org.ottbalancer.protocol.UnloadReason;

class KeepaliveTest {
    private final Fixture f = new Fixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void roomEmptyForTheKeepaliveTimeoutIsUnloadedWithReasonKeepalive() {
        SampleMonolith m = f.start(Fixture.config().withKeepaliveTimeout(Duration.ofMillis(300)));
        TestBalancerLink link = f.link(m);
        f.room(m, "lobby");
        link.expectSkippingGossip(M2B.Loaded.class);
        assertEquals(new M2B.Unloaded(RoomName.of("lobby"), UnloadReason.Keepalive),
                link.expectSkippingGossip(M2B.Unloaded.class));
    }

    @Test
    void roomWithUsersIsNeverUnloadedByKeepalive() {
        SampleMonolith m = f.start(Fixture.config().withKeepaliveTimeout(Duration.ofMillis(200)));
        f.room(m, "lobby");
        TestBalancerLink link = f.link(m);
        Clients.join(f, link, "lobby");
        link.expectNothingBut(Duration.ofMillis(800));
        assertEquals(1, m.loadedRooms().join().size());
    }

    @Test
    void keepaliveStartsAgainWhenTheLastUserLeaves() {
        SampleMonolith m = f.start(Fixture.config().withKeepaliveTimeout(Duration.ofMillis(300)));
        f.room(m, "lobby");
        TestBalancerLink link = f.link(m);
        var client = Clients.join(f, link, "lobby");
        link.send(new org.ottbalancer.protocol.B2M.Leave(client));
        assertEquals(new M2B.Unloaded(RoomName.of("lobby"), UnloadReason.Keepalive),
                link.expectSkippingGossip(M2B.Unloaded.class));
    }
}
