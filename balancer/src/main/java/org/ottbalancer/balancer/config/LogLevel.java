package org.ottbalancer.balancer.config;

import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Applies the log level to slf4j-simple, which reads its configuration from system properties once,
 * when the first logger is created; {@link #apply} must therefore run before anything logs.
 *
 * <p>As upstream lets {@code RUST_LOG} replace the {@code --log-level} filter, a global level in
 * {@code RUST_LOG} ({@code debug}, or the bare level of a directive list such as
 * {@code warn,ott_balancer=debug}) wins over the command line here. Per-target directives name Rust
 * modules and have no Java counterpart, so they are ignored.
 */
public final class LogLevel {
    public static final String SIMPLE_LOGGER_DEFAULT_LEVEL = "org.slf4j.simpleLogger.defaultLogLevel";
    private static final Set<String> LEVELS = Set.of("trace", "debug", "info", "warn", "error");

    private LogLevel() {
    }

    static boolean isValid(String level) {
        return level != null && LEVELS.contains(level);
    }

    static void requireValid(String level) {
        if (!isValid(level)) {
            throw new ConfigException("log level must be one of trace, debug, info, warn, error, got " + level);
        }
    }

    /** Applies {@code level}, or the level in the process's {@code RUST_LOG}; returns the level applied. */
    public static String apply(String level) {
        return apply(level, System.getenv());
    }

    /** Applies {@code level}, or the level in {@code env}'s {@code RUST_LOG}; returns the level applied. */
    public static String apply(String level, Map<String, String> env) {
        requireValid(level);
        String effective = fromRustLog(env.get("RUST_LOG")).orElse(level);
        System.setProperty(SIMPLE_LOGGER_DEFAULT_LEVEL, effective);
        return effective;
    }

    /** The global level of a {@code RUST_LOG} filter, if it has one ({@code off} included, which slf4j-simple knows too). */
    static java.util.Optional<String> fromRustLog(String rustLog) {
        if (rustLog == null) {
            return java.util.Optional.empty();
        }
        String found = null;
        for (String directive : rustLog.split(",")) {
            String d = directive.strip().toLowerCase(Locale.ROOT);
            if (LEVELS.contains(d) || d.equals("off")) {
                found = d; // the last global directive wins, as in tracing's EnvFilter
            }
        }
        return java.util.Optional.ofNullable(found);
    }
}
