package org.ottbalancer.balancer.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ottbalancer.balancer.harness.BalancerFixture.QUIET;
import static org.ottbalancer.balancer.harness.BalancerFixture.WAIT;

import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ottbalancer.balancer.harness.BalancerFixture;
import org.ottbalancer.balancer.harness.JoinedClient;
import org.ottbalancer.balancer.harness.MockMonolith;
import org.ottbalancer.balancer.harness.RunningBalancer;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.RawJson;
import org.ottbalancer.protocol.RoomName;

/** Spec §3.5: how {@code room_msg} reaches clients. */
class RoomMessageDeliveryTest {
    @RegisterExtension
    final BalancerFixture fx = new BalancerFixture();

    private static M2B.RoomMsg broadcast(String room, String payload) {
        return M2B.RoomMsg.broadcast(RoomName.of(room), RawJson.of(payload));
    }

    @Test
    void broadcastReachesEveryClientOfTheRoom() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient a = b.join("foo", m);
        JoinedClient c = b.join("foo", m);

        m.send(broadcast("foo", "{\"action\":\"event\"}"));

        assertEquals("{\"action\":\"event\"}", a.client().awaitText(WAIT));
        assertEquals("{\"action\":\"event\"}", c.client().awaitText(WAIT));
    }

    @Test
    void broadcastWithNullClientIdIsABroadcast() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient a = b.join("foo", m);

        m.sendRaw("{\"type\":\"room_msg\",\"payload\":{\"room\":\"foo\",\"client_id\":null,\"payload\":{\"n\":1}}}");

        assertEquals("{\"n\":1}", a.client().awaitText(WAIT));
    }

    @Test
    void broadcastFindsTheRoomCaseInsensitively() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient a = b.join("Foo", m);

        m.send(broadcast("FOO", "{\"n\":2}"));

        assertEquals("{\"n\":2}", a.client().awaitText(WAIT));
    }

    @Test
    void broadcastDoesNotReachClientsOfOtherRooms() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient inFoo = b.join("foo", m);
        JoinedClient inBar = b.join("bar", m);

        m.send(broadcast("foo", "{\"for\":\"foo\"}"));

        assertEquals("{\"for\":\"foo\"}", inFoo.client().awaitText(WAIT));
        inBar.client().awaitNoText(QUIET);
    }

    @Test
    void broadcastFromAMonolithThatDoesNotHoldTheRoomIsDropped() {
        RunningBalancer b = fx.balancer();
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        b.connect(m1, m2);
        JoinedClient c = b.join("foo", m1, m2);
        MockMonolith other = c.monolith() == m1 ? m2 : m1;

        other.send(broadcast("foo", "{\"from\":\"stranger\"}"));

        c.client().awaitNoText(QUIET);
    }

    @Test
    void payloadIsDeliveredByteForByte() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient a = b.join("foo", m);

        String payload = "{ \"action\" : \"chat\",\n \"text\":\"caf\u00e9 \\u00e9 \\\"q\\\"\", \"n\": 1.50e2 }";
        m.send(broadcast("foo", payload));

        assertEquals(payload, a.client().awaitText(WAIT));
    }

    @Test
    void targetedMessageReachesOnlyItsClient() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient a = b.join("foo", m);
        JoinedClient c = b.join("foo", m);

        m.send(M2B.RoomMsg.to(RoomName.of("foo"), a.id(), RawJson.of(MockMonolith.greetingFor(a.id()))));

        assertEquals(MockMonolith.greetingFor(a.id()), a.client().awaitText(WAIT));
        c.client().awaitNoText(QUIET);
    }

    @Test
    void targetedMessageIsDeliveredWhateverRoomItNames() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient a = b.join("foo", m);

        m.send(M2B.RoomMsg.to(RoomName.of("some-other-room"), a.id(), RawJson.of("{\"x\":1}")));

        assertEquals("{\"x\":1}", a.client().awaitText(WAIT));
    }

    @Test
    void targetedMessageForAnUnknownClientIsDroppedAndTheLinkStays() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient a = b.join("foo", m);

        m.send(M2B.RoomMsg.to(RoomName.of("foo"), UUID.randomUUID(), RawJson.of("{\"lost\":true}")));
        m.send(broadcast("foo", "{\"after\":true}"));

        assertEquals("{\"after\":true}", a.client().awaitText(WAIT));
    }

    @Test
    void messagesFromOneMonolithReachTheClientInTheOrderSent() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        JoinedClient a = b.join("foo", m);

        for (int i = 0; i < 300; i++) {
            if (i % 2 == 0) {
                m.send(broadcast("foo", "{\"seq\":" + i + "}"));
            } else {
                m.send(M2B.RoomMsg.to(RoomName.of("foo"), a.id(), RawJson.of("{\"seq\":" + i + "}")));
            }
        }

        for (int i = 0; i < 300; i++) {
            assertEquals("{\"seq\":" + i + "}", a.client().awaitText(WAIT));
        }
    }
}
