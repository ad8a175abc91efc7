package org.ottbalancer.agent.config;

import java.util.Locale;

/** What the published load score is built from ({@code --load-signal}). */
public enum LoadSignal {
    /** Users, rooms and client message rate seen on the link. */
    LINK,
    /** The link score plus a term for the monolith's event-loop lag, scraped from its metrics. */
    METRICS;

    /** The spelling on the command line, in the environment and in the OttCluster spec. */
    public String text() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static LoadSignal parse(String text) {
        for (LoadSignal s : values()) {
            if (s.text().equalsIgnoreCase(text.trim())) {
                return s;
            }
        }
        throw new ConfigException("--load-signal (AGENT_LOAD_SIGNAL) must be link or metrics, got \"" + text + "\"");
    }
}
