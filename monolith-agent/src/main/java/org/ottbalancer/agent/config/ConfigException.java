package org.ottbalancer.agent.config;

/** A configuration value is missing or malformed; the message names the flag or variable. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
