package org.ottbalancer.agent.tracking;

import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The load score the agent publishes, per its configured load signal: the link score alone, or the
 * link score plus the monolith's event-loop lag term while the metrics probe has a lag to offer.
 */
public final class LoadSource {
    private final MonolithMetricsProbe probe;

    private LoadSource(MonolithMetricsProbe probe) {
        this.probe = probe;
    }

    public static LoadSource link() {
        return new LoadSource(null);
    }

    public static LoadSource metrics(MonolithMetricsProbe probe) {
        return new LoadSource(Objects.requireNonNull(probe, "probe"));
    }

    public double score(TrackerSnapshot snapshot) {
        double link = LoadScore.of(snapshot.users(), snapshot.rooms().size(), snapshot.messagesPerSecond());
        OptionalDouble lag = probe == null ? OptionalDouble.empty() : probe.lagSeconds();
        return lag.isPresent() ? LoadScore.withLag(link, lag.getAsDouble()) : link;
    }

    /** True while the metrics signal is configured but only the link score is available. */
    public boolean fallingBack() {
        return probe != null && probe.lagSeconds().isEmpty();
    }
}
