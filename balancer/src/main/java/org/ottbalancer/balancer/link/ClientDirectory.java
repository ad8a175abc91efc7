package org.ottbalancer.balancer.link;

import java.util.UUID;
import org.ottbalancer.balancer.client.ClientSession;

/** Looks up connected clients by id, for targeted messages and kicks. */
@FunctionalInterface
public interface ClientDirectory {
    /** The client, or null if this balancer does not know it. */
    ClientSession client(UUID id);
}
