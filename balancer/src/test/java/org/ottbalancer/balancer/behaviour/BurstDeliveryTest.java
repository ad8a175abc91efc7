package org.ottbalancer.balancer.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.ottbalancer.balancer.harness.BalancerFixture.WAIT;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.ottbalancer.balancer.harness.BalancerFixture;
import org.ottbalancer.balancer.harness.JoinedClient;
import org.ottbalancer.balancer.harness.MockMonolith;
import org.ottbalancer.balancer.harness.RunningBalancer;
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.RawJson;
import org.ottbalancer.protocol.RoomName;

/**
 * Bursts in both directions: frames are handed between event loops in batches, which must neither
 * lose nor reorder anything, whichever event loops the clients and the link are served by.
 */
class BurstDeliveryTest {
    private static final int CLIENTS = 8;
    private static final int MESSAGES = 200;

    @RegisterExtension
    final BalancerFixture fx = new BalancerFixture();

    @Test
    void everyClientOfARoomGetsEveryMessageOfABurstInOrder() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        List<JoinedClient> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(b.join("burst", m));
        }

        for (int i = 0; i < MESSAGES; i++) {
            if (i % 3 == 2) {
                // Targeted messages in between, each to one client, must stay in their place.
                JoinedClient to = clients.get(i % CLIENTS);
                m.send(M2B.RoomMsg.to(RoomName.of("burst"), to.id(), RawJson.of("{\"seq\":" + i + ",\"to\":true}")));
            } else {
                m.send(M2B.RoomMsg.broadcast(RoomName.of("burst"), RawJson.of("{\"seq\":" + i + "}")));
            }
        }

        for (int c = 0; c < CLIENTS; c++) {
            JoinedClient client = clients.get(c);
            for (int i = 0; i < MESSAGES; i++) {
                boolean targeted = i % 3 == 2;
                if (targeted && i % CLIENTS != c) {
                    continue;
                }
                String expected = targeted ? "{\"seq\":" + i + ",\"to\":true}" : "{\"seq\":" + i + "}";
                assertEquals(expected, client.client().awaitText(WAIT), "client " + c + ", message " + i);
            }
        }
    }

    @Test
    void framesOfManyClientsReachTheMonolithEachInTheOrderSent() {
        RunningBalancer b = fx.balancer();
        MockMonolith m = fx.monolith();
        b.connect(m);
        List<JoinedClient> clients = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            clients.add(b.join("relay", m));
        }

        for (int i = 0; i < MESSAGES; i++) {
            for (JoinedClient c : clients) {
                c.client().sendText("{\"seq\":" + i + "}");
            }
        }

        Map<UUID, Integer> next = new HashMap<>();
        for (int n = 0; n < MESSAGES * CLIENTS; n++) {
            B2M.ClientMsg msg = m.awaitMessage(B2M.ClientMsg.class, WAIT);
            int expected = next.getOrDefault(msg.clientId(), 0);
            assertEquals("{\"seq\":" + expected + "}", msg.payload().text(), "from client " + msg.clientId());
            next.put(msg.clientId(), expected + 1);
        }
        for (JoinedClient c : clients) {
            assertEquals(MESSAGES, next.get(c.id()));
        }
    }
}
