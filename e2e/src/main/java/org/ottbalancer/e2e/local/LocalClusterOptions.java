package org.ottbalancer.e2e.local;

import java.time.Duration;
import java.util.Locale;
import java.util.Optional;

/**
 * What the local cluster is started with: the command line of {@code ott-local.jar}.
 *
 * @param balancerPort the balancer's port for browsers
 * @param monoliths how many sample monoliths (each behind its own agent)
 * @param redisUri a {@code redis://host:port} room store shared by the monoliths; empty means one
 *     in-memory store shared inside this process
 * @param saveDelay the monoliths' debounced-save delay; the agents' settle time follows it
 * @param helpRequested whether {@code --help} was asked for
 */
public record LocalClusterOptions(int balancerPort, int monoliths, Optional<String> redisUri, Duration saveDelay, boolean helpRequested) {

    public static final int DEFAULT_BALANCER_PORT = 8081;
    public static final int DEFAULT_MONOLITHS = 3;
    /** Fixed port blocks leave room for this many monoliths (3101..3199 and so on). */
    public static final int MAX_MONOLITHS = 99;

    public LocalClusterOptions {
        if (balancerPort < 1 || balancerPort > 65535) {
            throw new IllegalArgumentException("--balancer-port must be in 1..65535, got " + balancerPort);
        }
        if (monoliths < 1 || monoliths > MAX_MONOLITHS) {
            throw new IllegalArgumentException("--monoliths must be in 1.." + MAX_MONOLITHS + ", got " + monoliths);
        }
        if (saveDelay.isNegative() || saveDelay.isZero()) {
            throw new IllegalArgumentException("--save-delay must be positive, got " + saveDelay);
        }
        if (redisUri.isPresent() && !redisUri.get().startsWith("redis://")) {
            throw new IllegalArgumentException("--redis must be a redis://host:port URI, got " + redisUri.get());
        }
    }

    public static LocalClusterOptions defaults() {
        return new LocalClusterOptions(DEFAULT_BALANCER_PORT, DEFAULT_MONOLITHS, Optional.empty(), Duration.ofSeconds(5), false);
    }

    /**
     * Parses the command line; both {@code --flag value} and {@code --flag=value} work.
     *
     * @throws IllegalArgumentException naming the offending flag
     */
    public static LocalClusterOptions parse(String[] args) {
        LocalClusterOptions o = defaults();
        int port = o.balancerPort;
        int count = o.monoliths;
        Optional<String> redis = o.redisUri;
        Duration saveDelay = o.saveDelay;
        boolean help = false;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            String value = null;
            int eq = flag.indexOf('=');
            if (flag.startsWith("--") && eq > 0) {
                value = flag.substring(eq + 1);
                flag = flag.substring(0, eq);
            }
            if (flag.equals("-h") || flag.equals("--help")) {
                help = true;
                continue;
            }
            if (value == null) {
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException(flag + " needs a value");
                }
                value = args[++i];
            }
            switch (flag) {
                case "--balancer-port" -> port = integer(flag, value);
                case "--monoliths" -> count = integer(flag, value);
                case "--redis" -> redis = Optional.of(value);
                case "--save-delay" -> saveDelay = duration(flag, value);
                default -> throw new IllegalArgumentException("unknown option " + flag + " (see --help)");
            }
        }
        return new LocalClusterOptions(port, count, redis, saveDelay, help);
    }

    public static String usage() {
        return """
                Usage: java -jar e2e/target/ott-local.jar [options]

                Starts, in this process on loopback: a room store, N sample monoliths each behind a
                monolith agent, a registry file (.ott-local/registry.json) and a balancer that follows it;
                creates the public room "demo" and prints how to open it, drain it away and watch it move.

                  --balancer-port PORT   balancer port for browsers (default 8081)
                  --monoliths N          number of monoliths (default 3, at most 99); monolith i (1-based) uses
                                         HTTP 3100+i, balancing 3200+i, agent link 3300+i, agent HTTP 9100+i,
                                         agent preStop 9200+i
                  --redis redis://H:P    keep rooms in Redis instead of in memory
                  --save-delay DURATION  the monoliths' debounced save delay, e.g. 5s or 1500ms (default 5s);
                                         agents wait this plus 2s of quiet before a room moves
                  -h, --help             this text
                """;
    }

    private static int integer(String flag, String value) {
        try {
            return Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(flag + " expects an integer, got \"" + value + "\"");
        }
    }

    /** Accepts {@code 5s}, {@code 1500ms}, {@code 1m} or an ISO-8601 duration such as {@code PT5S}. */
    static Duration duration(String flag, String value) {
        String v = value.trim().toLowerCase(Locale.ROOT);
        try {
            if (v.startsWith("pt")) {
                return Duration.parse(v.toUpperCase(Locale.ROOT));
            }
            if (v.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(v.substring(0, v.length() - 2).trim()));
            }
            if (v.endsWith("s")) {
                return Duration.ofMillis(Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 1000));
            }
            if (v.endsWith("m")) {
                return Duration.ofSeconds(Math.round(Double.parseDouble(v.substring(0, v.length() - 1).trim()) * 60));
            }
        } catch (RuntimeException e) {
            // reported below with the flag's name
        }
        throw new IllegalArgumentException(flag + " expects a duration such as 5s, 1500ms or 1m, got \"" + value + "\"");
    }
}
