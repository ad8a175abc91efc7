package org.ottbalancer.balancer.config;

/**
 * A configuration that the balancer must not start with. The message names the offending key (for
 * example {@code discovery.port}) and what was expected, because it is printed verbatim by
 * {@code --validate} and at startup.
 *
 * <p>Unchecked so that it can cross the small parsing helpers without ceremony; the loader and the
 * command line document that they throw it.
 */
public class ConfigException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
