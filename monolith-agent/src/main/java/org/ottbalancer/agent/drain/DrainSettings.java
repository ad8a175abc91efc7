package org.ottbalancer.agent.drain;

import java.time.Duration;
import org.ottbalancer.agent.config.AgentConfig;
import org.ottbalancer.protocol.agent.DrainRequest;

/**
 * The timing of one drain.
 *
 * <p>A frozen room gets a <em>settle window</em> of {@code max(2 × settle, settle + 1 s)} to become
 * quiet for {@code settle}; a room still busy after that (typically because a balancer that does not
 * know {@code ext_freeze} keeps forwarding) is unfrozen and tried again later. The freeze deadline
 * sent to balancers covers the window plus the wait for {@code unloaded} plus a margin, so a
 * balancer never releases a room on its own while the agent may still unload it.
 *
 * @param deadline the drain fails if rooms remain after this long
 * @param settle how long a frozen room must have had no client message before it is unloaded
 * @param concurrency rooms frozen at the same time
 * @param unloadTimeout how long to wait for {@code unloaded} after {@code unload}
 */
public record DrainSettings(Duration deadline, Duration settle, int concurrency, Duration unloadTimeout) {
    private static final Duration MARGIN = Duration.ofSeconds(2);

    public static DrainSettings of(DrainRequest request, AgentConfig config) {
        Duration deadline = request.deadlineSeconds() == null ? config.drainDeadline()
                : Duration.ofNanos(Math.round(request.deadlineSeconds() * 1e9));
        Duration settle = request.settleSeconds() == null ? config.settle()
                : Duration.ofNanos(Math.round(request.settleSeconds() * 1e9));
        int concurrency = request.concurrency() == null ? config.drainConcurrency() : request.concurrency();
        return new DrainSettings(deadline, settle, concurrency, config.unloadTimeout());
    }

    public Duration settleWindow() {
        Duration twice = settle.multipliedBy(2);
        Duration plusOne = settle.plusSeconds(1);
        return twice.compareTo(plusOne) >= 0 ? twice : plusOne;
    }

    /** The {@code deadline_ms} of {@code ext_freeze}. */
    public Duration freezeDeadline() {
        return settleWindow().plus(unloadTimeout).plus(MARGIN);
    }

    /** Wait before a room whose move failed is frozen again. */
    public Duration retryDelay() {
        Duration half = settle.dividedBy(2);
        if (half.compareTo(Duration.ofMillis(100)) < 0) {
            return Duration.ofMillis(100);
        }
        return half.compareTo(Duration.ofSeconds(2)) > 0 ? Duration.ofSeconds(2) : half;
    }
}
