package org.ottbalancer.agent.support;

import java.time.Duration;
import org.ottbalancer.agent.config.AgentConfig;

/** Agent configurations for tests: loopback, ephemeral ports, short timings. */
public final class TestAgents {
    /** saveDelay 150 ms + settleMargin 100 ms. */
    public static final Duration SETTLE = Duration.ofMillis(250);

    private TestAgents() {
    }

    public static AgentConfig.Builder config(int monolithPort) {
        return AgentConfig.builder()
                .bindAddress("127.0.0.1")
                .linkPort(0)
                .httpPort(0)
                .prestopPort(0)
                .monolith("127.0.0.1", monolithPort)
                .saveDelay(Duration.ofMillis(150))
                .settleMargin(Duration.ofMillis(100))
                .unloadTimeout(Duration.ofSeconds(1))
                .drainDeadline(Duration.ofSeconds(15))
                .drainOnShutdown(false);
    }
}
