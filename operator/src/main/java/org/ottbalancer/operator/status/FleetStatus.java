package org.ottbalancer.operator.status;

import java.util.List;
import org.ottbalancer.operator.model.MonolithStatus;

/**
 * The monoliths as the agents report them and the drain state machine sees them: the part of the
 * status the registry publisher and the drain own.
 *
 * @param monoliths one entry per published monolith
 * @param rooms rooms across them
 * @param users users across them
 * @param draining the Draining condition
 */
public record FleetStatus(List<MonolithStatus> monoliths, Integer rooms, Integer users, ConditionUpdate draining) {
}
