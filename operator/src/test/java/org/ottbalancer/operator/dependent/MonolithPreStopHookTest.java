package org.ottbalancer.operator.dependent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.ottbalancer.operator.config.ComponentImages;
import org.ottbalancer.operator.model.MonolithSpec;
import org.ottbalancer.operator.model.ResolvedCluster;
import org.ottbalancer.operator.testing.Clusters;

/** Which command the monolith container's preStop hook runs to drain through the agent. */
class MonolithPreStopHookTest {

    private static List<String> preStop(String image, List<String> command) {
        var c = Clusters.empty("ns", "ott");
        MonolithSpec m = new MonolithSpec();
        m.setImage(image);
        m.setPreStopCommand(command);
        c.getSpec().setMonolith(m);
        ResolvedCluster resolved = ResolvedCluster.of(c, ComponentImages.forVersion("1.2.3"));
        return MonolithDeploymentDependent.build(resolved, null, 1).getSpec().getTemplate().getSpec()
                .getContainers().get(0).getLifecycle().getPreStop().getExec().getCommand();
    }

    @Test
    void theDefaultSampleMonolithImageDrainsWithItsOwnJvmBecauseItHasNoShell() {
        List<String> command = preStop(null, null);
        assertEquals("/opt/java/bin/java", command.get(0));
        assertEquals(List.of("-jar", "/app/ott-sample-monolith.jar", "drain-agent", "--url", "http://127.0.0.1:9091", "--wait"),
                command.subList(command.size() - 6, command.size()));
    }

    @Test
    void theSampleMonolithFromAnotherRegistryOrDigestIsRecognised() {
        assertTrue(PreStopDrainHook.isSampleMonolith("registry.example.com:5000/mirror/ott-sample-monolith:2.0"));
        assertTrue(PreStopDrainHook.isSampleMonolith("ott-sample-monolith@sha256:" + "a".repeat(64)));
        assertFalse(PreStopDrainHook.isSampleMonolith("ghcr.io/dyc3/opentogethertube:latest"));
        assertFalse(PreStopDrainHook.isSampleMonolith("example.com/ott-sample-monolith-fork:1"));
    }

    @Test
    void anyOtherImageGetsTheShellScriptThatFindsAnHttpClient() {
        List<String> command = preStop("ghcr.io/dyc3/opentogethertube:latest", null);
        assertEquals(List.of("/bin/sh", "-c"), command.subList(0, 2));
        assertTrue(command.get(2).contains("http://127.0.0.1:9091/drain?wait=true"), command.get(2));
    }

    @Test
    void aPreStopCommandInTheSpecWinsOverEitherDefault() {
        assertEquals(List.of("/usr/local/bin/drain"), preStop(null, List.of("/usr/local/bin/drain")));
    }
}
