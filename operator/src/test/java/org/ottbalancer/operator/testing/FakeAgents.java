package org.ottbalancer.operator.testing;

import io.fabric8.kubernetes.api.model.Pod;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.ottbalancer.operator.agents.AgentEndpoints;
import org.ottbalancer.operator.model.ResolvedCluster;

/** The fake agents of a test, reached by pod name (pod IPs in the mock are made up). */
public final class FakeAgents implements AgentEndpoints, AutoCloseable {
    private final Map<String, FakeAgent> byPod = new ConcurrentHashMap<>();

    /** Starts a fake agent for a pod; its monolith id is {@code id-<pod>}. */
    public FakeAgent add(String pod) {
        FakeAgent agent = FakeAgent.start("id-" + pod);
        byPod.put(pod, agent);
        return agent;
    }

    public FakeAgent get(String pod) {
        return byPod.get(pod);
    }

    @Override
    public Optional<URI> api(Pod pod, ResolvedCluster cluster) {
        return Optional.ofNullable(byPod.get(pod.getMetadata().getName())).map(FakeAgent::uri);
    }

    @Override
    public void close() {
        byPod.values().forEach(FakeAgent::close);
        byPod.clear();
    }
}
