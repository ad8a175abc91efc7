package org.ottbalancer.agent;

/** The agent could not start, for example because a port is taken; the message says which. */
public final class AgentStartException extends RuntimeException {
    public AgentStartException(String message, Throwable cause) {
        super(message, cause);
    }
}
