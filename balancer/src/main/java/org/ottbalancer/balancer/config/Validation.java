package org.ottbalancer.balancer.config;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Map;

/** {@code --validate}: load the configuration, say whether it is valid, and give the exit status. */
public final class Validation {
    private Validation() {
    }

    /** Prints {@code Configuration is valid} and returns 0, or {@code Configuration is invalid} and the reason and returns 1. */
    public static int validate(Path configPath, Map<String, String> env, PrintStream out) {
        try {
            ConfigLoader.load(configPath, env);
        } catch (ConfigException e) {
            out.println("Configuration is invalid");
            out.println(e.getMessage());
            return 1;
        }
        out.println("Configuration is valid");
        return 0;
    }
}
