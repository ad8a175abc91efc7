package org.ottbalancer.balancer.harness;

import java.util.UUID;
import org.ottbalancer.protocol.B2M;

/**
 * A client that authenticated, with what the balancer told the monolith about it.
 *
 * @param client the client's WebSocket
 * @param id the client id the balancer assigned (from the {@code join})
 * @param join the {@code join} the monolith received
 * @param monolith the monolith the client was placed on
 */
public record JoinedClient(MockClient client, UUID id, B2M.Join join, MockMonolith monolith) {
}
