package org.ottbalancer.agent.config;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an {@link AgentConfig} from command-line flags and environment variables; a flag wins over
 * its variable, a variable over the default. The drain token is never read from a flag, because
 * command lines are visible to every process on the node: it comes from a file
 * ({@code --drain-token-file} / {@code AGENT_DRAIN_TOKEN_FILE}, preferred) or {@code AGENT_DRAIN_TOKEN}.
 */
public final class AgentCommandLine {

    /** Flag, its environment variable, and what it means; also the source of {@link #usage()}. */
    private enum Option {
        BIND("--bind", "AGENT_BIND", "ADDR", "address of the link and HTTP listeners (default 0.0.0.0)"),
        LINK_PORT("--link-port", "AGENT_LINK_PORT", "PORT", "port balancers dial instead of the monolith (default 3003)"),
        HTTP_PORT("--http-port", "AGENT_HTTP_PORT", "PORT", "port of /report, /drain, /healthz, /readyz, /metrics (default 9090)"),
        PRESTOP_PORT("--prestop-port", "AGENT_PRESTOP_PORT", "PORT", "token-free drain listener on 127.0.0.1 (default 9091)"),
        PRESTOP_BIND("--prestop-bind", "AGENT_PRESTOP_BIND", "ADDR", "address of the preStop listener (default 127.0.0.1: the pod's own containers only)"),
        MONOLITH("--monolith", "AGENT_MONOLITH", "HOST:PORT", "the monolith's balancing port (default 127.0.0.1:3002)"),
        TOKEN_FILE("--drain-token-file", "AGENT_DRAIN_TOKEN_FILE", "PATH", "file holding the bearer token of POST /drain"),
        SAVE_DELAY("--save-delay", "AGENT_SAVE_DELAY", "DURATION", "the monolith's room save delay (default 5s)"),
        SETTLE_MARGIN("--settle-margin", "AGENT_SETTLE_MARGIN", "DURATION", "added to the save delay to get the settle time (default 2s)"),
        DRAIN_DEADLINE("--drain-deadline", "AGENT_DRAIN_DEADLINE", "DURATION", "a drain fails after this long (default 120s)"),
        DRAIN_CONCURRENCY("--drain-concurrency", "AGENT_DRAIN_CONCURRENCY", "N", "rooms moved at the same time (default 16)"),
        UNLOAD_TIMEOUT("--unload-timeout", "AGENT_UNLOAD_TIMEOUT", "DURATION", "wait for 'unloaded' after 'unload' (default 10s)"),
        MAX_FRAME_BYTES("--max-frame-bytes", "AGENT_MAX_FRAME_BYTES", "BYTES", "largest relayed WebSocket message (default 16777216)"),
        DRAIN_ON_SHUTDOWN("--drain-on-shutdown", "AGENT_DRAIN_ON_SHUTDOWN", "true|false", "drain before exiting on SIGTERM (default true)"),
        LOAD_SIGNAL("--load-signal", "AGENT_LOAD_SIGNAL", "link|metrics", "load score from the link only, or plus the monolith's event-loop lag (default link)"),
        MONOLITH_METRICS_URL("--monolith-metrics-url", "AGENT_MONOLITH_METRICS_URL", "URL", "the monolith's Prometheus endpoint (default http://127.0.0.1:3000/metrics)"),
        LOAD_METRIC("--load-metric", "AGENT_LOAD_METRIC", "NAME", "event-loop lag gauge in seconds (default nodejs_eventloop_lag_seconds)");

        final String flag;
        final String env;
        final String valueName;
        final String help;

        Option(String flag, String env, String valueName, String help) {
            this.flag = flag;
            this.env = env;
            this.valueName = valueName;
            this.help = help;
        }
    }

    private AgentCommandLine() {
    }

    public static String usage() {
        StringBuilder sb = new StringBuilder();
        sb.append("Usage: java -jar ott-monolith-agent.jar [options]\n")
                .append("       java -jar ott-monolith-agent.jar drain [--url URL] [--wait] [--token-file PATH]\n\n")
                .append("Relays balancer links to the monolith, reports its rooms and load, drains it on request.\n\n")
                .append("Options (flag, environment variable):\n");
        for (Option o : Option.values()) {
            sb.append(String.format("  %-38s %-26s %s%n", o.flag + " " + o.valueName, o.env, o.help));
        }
        sb.append(String.format("  %-38s %-26s %s%n", "", "AGENT_DRAIN_TOKEN", "the drain token itself (prefer the file)"));
        sb.append(String.format("  %-38s %-26s %s%n", "--help", "", "print this help"));
        sb.append("\nDurations: 500ms, 7s, 2m or a number of seconds. Port 0 picks a free port.\n");
        return sb.toString();
    }

    public static boolean wantsHelp(List<String> args) {
        return args.contains("--help") || args.contains("-h");
    }

    public static AgentConfig parse(List<String> args, Map<String, String> env) {
        Map<Option, String> values = new HashMap<>();
        for (Option o : Option.values()) {
            String v = env.get(o.env);
            if (v != null && !v.isBlank()) {
                values.put(o, v.trim());
            }
        }
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            String name = arg;
            String value = null;
            int eq = arg.indexOf('=');
            if (arg.startsWith("--") && eq > 0) {
                name = arg.substring(0, eq);
                value = arg.substring(eq + 1);
            }
            Option option = byFlag(name);
            if (option == null) {
                throw new ConfigException("unknown option \"" + arg + "\" (see --help)");
            }
            if (value == null) {
                if (i + 1 >= args.size()) {
                    throw new ConfigException(option.flag + " needs a value (" + option.valueName + ")");
                }
                value = args.get(++i);
            }
            values.put(option, value);
        }
        return build(values, env);
    }

    private static Option byFlag(String flag) {
        for (Option o : Option.values()) {
            if (o.flag.equals(flag)) {
                return o;
            }
        }
        return null;
    }

    private static AgentConfig build(Map<Option, String> v, Map<String, String> env) {
        AgentConfig.Builder b = AgentConfig.builder();
        if (v.containsKey(Option.BIND)) {
            b.bindAddress(v.get(Option.BIND));
        }
        if (v.containsKey(Option.LINK_PORT)) {
            b.linkPort(integer(Option.LINK_PORT, v.get(Option.LINK_PORT)));
        }
        if (v.containsKey(Option.HTTP_PORT)) {
            b.httpPort(integer(Option.HTTP_PORT, v.get(Option.HTTP_PORT)));
        }
        if (v.containsKey(Option.PRESTOP_PORT)) {
            b.prestopPort(integer(Option.PRESTOP_PORT, v.get(Option.PRESTOP_PORT)));
        }
        if (v.containsKey(Option.PRESTOP_BIND)) {
            b.prestopBindAddress(v.get(Option.PRESTOP_BIND));
        }
        if (v.containsKey(Option.MONOLITH)) {
            setMonolith(b, v.get(Option.MONOLITH));
        }
        if (v.containsKey(Option.TOKEN_FILE)) {
            b.drainToken(readToken(Path.of(v.get(Option.TOKEN_FILE))));
        } else if (env.get("AGENT_DRAIN_TOKEN") != null && !env.get("AGENT_DRAIN_TOKEN").isBlank()) {
            b.drainToken(env.get("AGENT_DRAIN_TOKEN").trim());
        }
        if (v.containsKey(Option.SAVE_DELAY)) {
            b.saveDelay(Durations.parse(Option.SAVE_DELAY.flag, v.get(Option.SAVE_DELAY)));
        }
        if (v.containsKey(Option.SETTLE_MARGIN)) {
            b.settleMargin(Durations.parse(Option.SETTLE_MARGIN.flag, v.get(Option.SETTLE_MARGIN)));
        }
        if (v.containsKey(Option.DRAIN_DEADLINE)) {
            b.drainDeadline(Durations.parse(Option.DRAIN_DEADLINE.flag, v.get(Option.DRAIN_DEADLINE)));
        }
        if (v.containsKey(Option.DRAIN_CONCURRENCY)) {
            b.drainConcurrency(integer(Option.DRAIN_CONCURRENCY, v.get(Option.DRAIN_CONCURRENCY)));
        }
        if (v.containsKey(Option.UNLOAD_TIMEOUT)) {
            b.unloadTimeout(Durations.parse(Option.UNLOAD_TIMEOUT.flag, v.get(Option.UNLOAD_TIMEOUT)));
        }
        if (v.containsKey(Option.MAX_FRAME_BYTES)) {
            b.maxFrameBytes(integer(Option.MAX_FRAME_BYTES, v.get(Option.MAX_FRAME_BYTES)));
        }
        if (v.containsKey(Option.DRAIN_ON_SHUTDOWN)) {
            b.drainOnShutdown(bool(Option.DRAIN_ON_SHUTDOWN, v.get(Option.DRAIN_ON_SHUTDOWN)));
        }
        if (v.containsKey(Option.LOAD_SIGNAL)) {
            b.loadSignal(LoadSignal.parse(v.get(Option.LOAD_SIGNAL)));
        }
        if (v.containsKey(Option.MONOLITH_METRICS_URL)) {
            b.monolithMetricsUrl(uri(Option.MONOLITH_METRICS_URL, v.get(Option.MONOLITH_METRICS_URL)));
        }
        if (v.containsKey(Option.LOAD_METRIC)) {
            b.loadMetric(v.get(Option.LOAD_METRIC).trim());
        }
        return b.build();
    }

    private static URI uri(Option o, String s) {
        try {
            return new URI(s.trim());
        } catch (URISyntaxException e) {
            throw new ConfigException(o.flag + " (" + o.env + ") is not a URL: \"" + s + "\"", e);
        }
    }

    /** {@code host:port}, {@code [v6]:port}, or a bare host (balancing port 3002). */
    static void setMonolith(AgentConfig.Builder b, String text) {
        String s = text.trim();
        String host = s;
        int port = AgentConfig.DEFAULT_MONOLITH_PORT;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new ConfigException("--monolith: missing ']' in \"" + text + "\"");
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (rest.startsWith(":")) {
                port = integer(Option.MONOLITH, rest.substring(1));
            } else if (!rest.isEmpty()) {
                throw new ConfigException("--monolith: expected HOST:PORT, got \"" + text + "\"");
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = integer(Option.MONOLITH, s.substring(s.indexOf(':') + 1));
        }
        if (host.isEmpty()) {
            throw new ConfigException("--monolith: host is empty in \"" + text + "\"");
        }
        b.monolith(host, port);
    }

    private static String readToken(Path file) {
        try {
            String token = Files.readString(file, StandardCharsets.UTF_8).strip();
            if (token.isEmpty()) {
                throw new ConfigException("drain token file " + file + " is empty");
            }
            return token;
        } catch (IOException e) {
            throw new ConfigException("cannot read drain token file " + file + ": " + e, e);
        }
    }

    private static int integer(Option o, String s) {
        try {
            return Integer.parseInt(s.trim());
        } catch (NumberFormatException e) {
            throw new ConfigException(o.flag + " (" + o.env + ") must be an integer, got \"" + s + "\"", e);
        }
    }

    private static boolean bool(Option o, String s) {
        if (s.equalsIgnoreCase("true") || s.equals("1") || s.equalsIgnoreCase("yes")) {
            return true;
        }
        if (s.equalsIgnoreCase("false") || s.equals("0") || s.equalsIgnoreCase("no")) {
            return false;
        }
        throw new ConfigException(o.flag + " (" + o.env + ") must be true or false, got \"" + s + "\"");
    }
}
