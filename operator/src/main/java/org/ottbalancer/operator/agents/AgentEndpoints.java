package org.ottbalancer.operator.agents;

import io.fabric8.kubernetes.api.model.Pod;
import java.net.URI;
import java.util.Optional;
import org.ottbalancer.operator.model.ResolvedCluster;

/**
 * Where the operator reaches a monolith pod's agent API. In a cluster that is the pod IP and the
 * agent's HTTP port; tests point pods at fake agents on loopback instead.
 */
@FunctionalInterface
public interface AgentEndpoints {
    /** The agent API's base URI ({@code http://host:port}), or empty while the pod has no address. */
    Optional<URI> api(Pod pod, ResolvedCluster cluster);

    /** {@code http://<pod IP>:<spec.agent.httpPort>}. */
    static AgentEndpoints podIp() {
        return (pod, cluster) -> PodFacts.ip(pod)
                .map(ip -> URI.create("http://" + (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":"
                        + cluster.agent().httpPort()));
    }
}
