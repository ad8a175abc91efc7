package org.ottbalancer.e2e.kube.workload;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** How a container's view of its pod is translated for a process on the host. */
class PodNetworkTest {
    private final PodNetwork network = new PodNetwork("127.0.0.23",
            Map.of("/var/run/secrets/ottbalancer.org/drain-token", "/tmp/pods/p1/volumes/drain-token"));

    @Test
    void loopbackInAValueBecomesThePodAddress() {
        assertEquals("127.0.0.23:3002", network.translate("127.0.0.1:3002"));
        assertEquals("http://127.0.0.23:3000/metrics", network.translate("http://127.0.0.1:3000/metrics"));
    }

    @Test
    void otherLoopbackAddressesAreLeftAlone() {
        assertEquals("redis://127.0.0.2:6379", network.translate("redis://127.0.0.2:6379"));
        assertEquals("127.0.0.10:80", network.translate("127.0.0.10:80"));
        assertEquals("127.0.0.100", network.translate("127.0.0.100"));
    }

    @Test
    void thePreStopScriptReachesThePodsOwnAgent() {
        List<String> hook = List.of("/bin/sh", "-c", "url='http://127.0.0.1:9091/drain?wait=true'\nexec curl -fsS -X POST \"$url\"");
        assertEquals(List.of("/bin/sh", "-c", "url='http://127.0.0.23:9091/drain?wait=true'\nexec curl -fsS -X POST \"$url\""),
                network.translate(hook));
    }

    @Test
    void aMountPathBecomesTheVolumesDirectory() {
        assertEquals("/tmp/pods/p1/volumes/drain-token/token", network.translate("/var/run/secrets/ottbalancer.org/drain-token/token"));
        assertEquals("/var/run/secrets/other/token", network.translate("/var/run/secrets/other/token"));
    }

    @Test
    void everyProgramIsToldToBindThePodAddressAndGetsTheHarnessKubeconfig() {
        Map<String, String> env = network.environment(Map.of("AGENT_MONOLITH", "127.0.0.1:3002"), "/tmp/kubeconfig");
        assertEquals("127.0.0.23:3002", env.get("AGENT_MONOLITH"));
        for (String bind : List.of("BIND_ADDRESS", "AGENT_BIND", "AGENT_PRESTOP_BIND", "BALANCER_BIND")) {
            assertEquals("127.0.0.23", env.get(bind), bind);
        }
        assertEquals("/tmp/kubeconfig", env.get("KUBECONFIG"));
    }
}
