package org.ottbalancer.agent.relay;

import java.util.List;
import org.ottbalancer.protocol.M2B;

/**
 * Extension messages a balancer link must get right after the monolith's {@code init} has been
 * relayed to it, so that a balancer that connects in the middle of a drain learns the monolith's
 * state and the rooms that are frozen.
 */
@FunctionalInterface
public interface LinkGreeter {
    List<M2B> afterInit();
}
