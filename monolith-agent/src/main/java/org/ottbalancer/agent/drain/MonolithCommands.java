package org.ottbalancer.agent.drain;

import java.util.Optional;
import org.ottbalancer.agent.relay.BalancerLinks;
import org.ottbalancer.agent.relay.RelayLink;
import org.ottbalancer.protocol.B2M;

/**
 * Where the drain's commands to the monolith go: over any relayed link (the monolith accepts
 * {@code unload} from any balancer), or the control link when no balancer is connected.
 */
final class MonolithCommands {
    private final BalancerLinks links;
    private final ControlLink control;

    MonolithCommands(BalancerLinks links, ControlLink control) {
        this.links = links;
        this.control = control;
    }

    void send(B2M command) {
        Optional<RelayLink> link = links.anyWithMonolith();
        if (link.isPresent() && link.get().sendToMonolith(command)) {
            return;
        }
        control.send(command);
    }
}
