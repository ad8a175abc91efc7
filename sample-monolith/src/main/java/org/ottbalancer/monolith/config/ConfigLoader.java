package org.ottbalancer.monolith.config;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiFunction;

/**
 * Builds a {@link MonolithConfig} from defaults, then environment variables, then command-line flags
 * (later sources win). Environment names follow the OTT server's where it has one.
 */
public final class ConfigLoader {

    /** Thrown for unusable input; the message is meant for the operator's eyes. */
    public static final class ConfigException extends RuntimeException {
        public ConfigException(String message) {
            super(message);
        }
    }

    /** The parsed command line: the configuration, or a request for the help text. */
    public record Parsed(MonolithConfig config, boolean helpRequested) {
    }

    private record Option(String flag, String env, String help, boolean takesValue,
                          BiFunction<MonolithConfig, String, MonolithConfig> apply) {
    }

    private static final List<Option> OPTIONS = List.of(
            new Option("--port", "PORT", "HTTP port (default 3000, 0 = any free port)", true,
                    (c, v) -> c.withHttpPort(port("PORT/--port", v))),
            new Option("--balancing-port", "BALANCING_PORT", "port balancers dial (default 3002, 0 = any free port)", true,
                    (c, v) -> c.withBalancingPort(port("BALANCING_PORT/--balancing-port", v))),
            new Option("--bind", "BIND_ADDRESS", "address to listen on (default 0.0.0.0)", true,
                    (c, v) -> c.withBindAddress(nonEmpty("BIND_ADDRESS/--bind", v))),
            new Option("--region", "BALANCING_REGION", "region reported to balancers (default unknown; FLY_REGION overrides the env)", true,
                    (c, v) -> c.withRegion(nonEmpty("BALANCING_REGION/--region", v))),
            new Option("--store", "REDIS_URL", "room store: memory or redis://host:port[/db] (default memory)", true,
                    (c, v) -> c.withStore(store(v))),
            new Option("--save-delay", "SAVE_DELAY", "debounce before a changed room is saved (default 5s)", true,
                    (c, v) -> c.withSaveDelay(duration("SAVE_DELAY/--save-delay", v))),
            new Option("--flush-on-unload", "FLUSH_ON_UNLOAD", "save pending state on commanded unload and shutdown (default false, as OTT)", false,
                    (c, v) -> c.withFlushOnUnload(bool("FLUSH_ON_UNLOAD/--flush-on-unload", v))),
            new Option("--gossip-interval", "GOSSIP_INTERVAL", "period of gossip to balancers (default 20s)", true,
                    (c, v) -> c.withGossipInterval(duration("GOSSIP_INTERVAL/--gossip-interval", v))),
            new Option("--keepalive-timeout", "KEEPALIVE_TIMEOUT", "unload rooms empty for this long (default 60s)", true,
                    (c, v) -> c.withKeepaliveTimeout(duration("KEEPALIVE_TIMEOUT/--keepalive-timeout", v))),
            new Option("--bench", "BENCH", "benchmark mode: echo/broadcast actions, no debounced saves", false,
                    (c, v) -> c.withBench(bool("BENCH/--bench", v))));

    private ConfigLoader() {
    }

    /**
     * @throws ConfigException for an unknown flag, a missing value or a value that does not parse
     */
    public static Parsed load(String[] args, Map<String, String> env) {
        MonolithConfig config = MonolithConfig.defaults();
        for (Option o : OPTIONS) {
            String v = env.get(o.env());
            if (v != null && !v.isBlank()) {
                config = o.apply().apply(config, v.trim());
            }
        }
        String fly = env.get("FLY_REGION");
        if (fly != null && !fly.isBlank()) {
            config = config.withRegion(fly.trim());
        }
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--help") || arg.equals("-h")) {
                return new Parsed(config, true);
            }
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            Option option = find(name);
            if (value == null) {
                if (option.takesValue()) {
                    if (i + 1 >= args.length) {
                        throw new ConfigException(name + " needs a value");
                    }
                    value = args[++i];
                } else {
                    value = "true";
                }
            }
            config = option.apply().apply(config, value);
        }
        return new Parsed(config, false);
    }

    /** The text printed by {@code --help}. */
    public static String help() {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: java -jar ott-sample-monolith.jar [options]\n\n");
        sb.append("A small watch-party monolith speaking the monolith side of the OTT balancer protocol.\n\n");
        sb.append("Options (environment variable in brackets; flags win over the environment):\n");
        for (Option o : OPTIONS) {
            String flag = o.flag() + (o.takesValue() ? " VALUE" : "[=true|false]");
            sb.append(String.format(Locale.ROOT, "  %-30s %s [%s]%n", flag, o.help(), o.env()));
        }
        sb.append("  --help                         print this text\n\n");
        sb.append("Durations: 500ms, 5s, 2m; a bare number means milliseconds.\n");
        return sb.toString();
    }

    private static Option find(String flag) {
        for (Option o : OPTIONS) {
            if (o.flag().equals(flag)) {
                return o;
            }
        }
        throw new ConfigException("unknown option " + flag + " (see --help)");
    }

    static int port(String what, String v) {
        try {
            int p = Integer.parseInt(v.trim());
            if (p < 0 || p > 65535) {
                throw new ConfigException(what + " must be 0-65535, got " + v);
            }
            return p;
        } catch (NumberFormatException e) {
            throw new ConfigException(what + " is not a port number: \"" + v + "\"");
        }
    }

    static String nonEmpty(String what, String v) {
        if (v.isBlank()) {
            throw new ConfigException(what + " must not be empty");
        }
        return v.trim();
    }

    static String store(String v) {
        String s = v.trim();
        if (s.equals("memory") || s.startsWith("redis://") || s.startsWith("rediss://")) {
            return s;
        }
        throw new ConfigException("store must be \"memory\" or a redis:// URI, got \"" + v + "\"");
    }

    static boolean bool(String what, String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("1") || s.equals("yes")) {
            return true;
        }
        if (s.equals("false") || s.equals("0") || s.equals("no")) {
            return false;
        }
        throw new ConfigException(what + " must be true or false, got \"" + v + "\"");
    }

    /** Parses {@code 500ms}, {@code 5s}, {@code 2m} or a bare number of milliseconds. */
    public static Duration duration(String what, String v) {
        String s = v.trim().toLowerCase(Locale.ROOT);
        try {
            Duration d;
            if (s.endsWith("ms")) {
                d = Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2).trim()));
            } else if (s.endsWith("s")) {
                d = Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1).trim()) * 1000));
            } else if (s.endsWith("m")) {
                d = Duration.ofMillis(Math.round(Double.parseDouble(s.substring(0, s.length() - 1).trim()) * 60_000));
            } else {
                d = Duration.ofMillis(Long.parseLong(s));
            }
            if (d.isZero() || d.isNegative()) {
                throw new ConfigException(what + " must be positive, got \"" + v + "\"");
            }
            return d;
        } catch (NumberFormatException e) {
            throw new ConfigException(what + " is not a duration (e.g. 500ms, 5s, 2m): \"" + v + "\"");
        }
    }
}
