package org.ottbalancer.monolith;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.ottbalancer.monolith.support.Clients;
import org.ottbalancer.monolith.support.Fixture;
import org.ottbalancer.monolith.support.TestBalancerLink;
import org.ottbalancer.protocol.GossipEntry;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.Visibility;

class GossipTest {
    private final Fixture f = new Fixture();

    @AfterEach
    void tearDown() {
        f.close();
    }

    @Test
    void gossipListsEveryRoomWithItsMetadataUserCountAndEpoch() {
        SampleMonolith m = f.start(Fixture.config().withGossipInterval(Duration.ofMillis(300)));
        TestBalancerLink link = f.link(m);
        assertTrue(m.createRoom("lobby", Visibility.PUBLIC).join());
        long epoch = link.expect(M2B.Loaded.class).loadEpoch();
        Clients.join(f, link, "lobby");
        M2B.Gossip gossip = link.expect(M2B.Gossip.class);
        assertEquals(1, gossip.rooms().size());
        GossipEntry e = gossip.rooms().get(0);
        assertEquals(epoch, e.loadEpoch());
        assertEquals("lobby", e.room().name().value());
        assertEquals("\"\"", e.room().title().text());
        assertEquals("false", e.room().isTemporary().text());
        assertEquals(Visibility.PUBLIC, e.room().visibility());
        assertEquals("\"manual\"", e.room().queueMode().text());
        assertEquals("null", e.room().currentSource().text());
        assertEquals("1", e.room().users().text());
    }

    @Test
    void gossipIsBroadcastEveryIntervalAndLoadsDoNotHurryIt() {
        SampleMonolith m = f.start(Fixture.config().withGossipInterval(Duration.ofMillis(500)));
        TestBalancerLink link = f.link(m);
        long start = System.nanoTime();
        f.room(m, "one");
        f.room(m, "two");
        link.expect(M2B.Loaded.class);
        link.expect(M2B.Loaded.class);
        link.expect(M2B.Gossip.class);
        long first = System.nanoTime() - start;
        link.expect(M2B.Gossip.class);
        long second = System.nanoTime() - start;
        assertTrue(second - first >= Duration.ofMillis(350).toNanos(),
                "gossips came " + Duration.ofNanos(second - first).toMillis() + " ms apart");
    }
}
