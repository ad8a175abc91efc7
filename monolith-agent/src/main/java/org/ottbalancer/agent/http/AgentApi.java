package org.ottbalancer.agent.http;

import java.util.concurrent.CompletableFuture;
import org.ottbalancer.protocol.agent.AgentReport;
import org.ottbalancer.protocol.agent.DrainReport;
import org.ottbalancer.protocol.agent.DrainRequest;

/** What the HTTP endpoints need from the running agent. */
public interface AgentApi {
    AgentReport report();

    DrainReport drainReport();

    /** Starts a drain (or joins the running one); completes with its final report. */
    CompletableFuture<DrainReport> drain(DrainRequest request);

    /** Whether the agent can relay links to its monolith now. */
    boolean ready();

    /** Why {@link #ready()} is false. */
    String notReadyReason();

    /** Prometheus text exposition. */
    String metrics();
}
