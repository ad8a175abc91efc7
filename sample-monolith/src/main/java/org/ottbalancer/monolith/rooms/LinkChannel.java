package org.ottbalancer.monolith.rooms;

import org.ottbalancer.protocol.M2B;

/** A balancer link as rooms see it: somewhere to send monolith-to-balancer messages. */
public interface LinkChannel {

    /** Queues one message on the link; safe from any thread, never blocks. */
    void send(M2B message);
}
