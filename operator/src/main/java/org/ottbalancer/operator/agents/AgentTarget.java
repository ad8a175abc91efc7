package org.ottbalancer.operator.agents;

import java.net.URI;

/**
 * One agent the poller fetches reports from.
 *
 * @param pod the monolith pod's name, the key of its observations
 * @param api the agent API's base URI
 * @param watchDrain whether the pod is being drained, so its drain progress is fetched too
 */
public record AgentTarget(String pod, URI api, boolean watchDrain) {
}
