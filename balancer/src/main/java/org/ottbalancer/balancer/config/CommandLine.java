package org.ottbalancer.balancer.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;

/**
 * The balancer's command line, accepting what upstream's accepts: {@code -c/--config-path <path>}
 * (default {@code balancer.toml}), {@code -v/--validate}, {@code -l/--log-level <level>} (default
 * {@code info}), {@code -h/--help}, {@code --version}, and {@code --console}/{@code --remote-console}
 * which only matter to upstream's Rust debugging tools and are ignored here. Values may be given as
 * {@code --config-path x}, {@code --config-path=x}, {@code -c x}, {@code -cx} or {@code -c=x}, and
 * boolean short flags may be combined ({@code -vc x}).
 *
 * @param version {@code --version} was given; the caller prints {@link #versionText()} and exits
 */
public record CommandLine(Path configPath, boolean validate, String logLevel, boolean help, boolean version) {
    public static final Path DEFAULT_CONFIG_PATH = Path.of("balancer.toml");
    public static final String DEFAULT_LOG_LEVEL = "info";

    public CommandLine {
        Objects.requireNonNull(configPath, "configPath");
        LogLevel.requireValid(logLevel);
    }

    public CommandLine(Path configPath, boolean validate, String logLevel, boolean help) {
        this(configPath, validate, logLevel, help, false);
    }

    /**
     * Parses the arguments.
     *
     * @throws ConfigException describing the bad usage; callers print it with {@link #usage()} and exit 2
     */
    public static CommandLine parse(String... args) {
        Parser p = new Parser();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (p.onlyPositionals || !arg.startsWith("-") || arg.equals("-")) {
                throw new ConfigException("unexpected argument '" + arg + "'");
            } else if (arg.equals("--")) {
                p.onlyPositionals = true;
            } else if (arg.startsWith("--")) {
                i = p.longOption(arg, args, i);
            } else {
                i = p.shortOptions(arg, args, i);
            }
        }
        return new CommandLine(p.configPath, p.validate, p.logLevel, p.help, p.version);
    }

    public static String usage() {
        return String.join(System.lineSeparator(),
                "Usage: ott-balancer [OPTIONS]",
                "",
                "Options:",
                "  -c, --config-path <CONFIG_PATH>  TOML configuration file [default: balancer.toml]",
                "  -l, --log-level <LOG_LEVEL>      [default: info] [possible values: trace, debug, info, warn, error]",
                "  -v, --validate                   Check the configuration, print whether it is valid, and exit",
                "      --console                    Accepted for compatibility with the Rust balancer; ignored",
                "      --remote-console             Accepted for compatibility with the Rust balancer; ignored",
                "  -h, --help                       Print help",
                "      --version                    Print version",
                "",
                "Environment: BALANCER_<KEY>=<TOML value> overrides a top-level key of the file;",
                "FLY_REGION overrides region; RUST_LOG=<level> overrides --log-level.");
    }

    /** {@code ott-balancer <version>}, the version coming from the jar manifest when there is one. */
    public static String versionText() {
        String v = CommandLine.class.getPackage().getImplementationVersion();
        return "ott-balancer " + (v == null ? "(version not recorded in this build)" : v);
    }

    /** Mutable state of one parse; kept apart so that the record itself stays immutable. */
    private static final class Parser {
        Path configPath = DEFAULT_CONFIG_PATH;
        String logLevel = DEFAULT_LOG_LEVEL;
        boolean validate;
        boolean help;
        boolean version;
        boolean onlyPositionals;
        final Set<String> seen = new HashSet<>();

        int longOption(String arg, String[] args, int i) {
            int eq = arg.indexOf('=');
            String name = eq < 0 ? arg.substring(2) : arg.substring(2, eq);
            String inline = eq < 0 ? null : arg.substring(eq + 1);
            if (name.equals("config-path") || name.equals("log-level")) {
                String value = inline;
                int next = i;
                if (value == null) {
                    if (i + 1 >= args.length) {
                        throw missingValue(name);
                    }
                    value = args[++next];
                }
                setValue(name, value);
                return next;
            }
            if (inline != null) {
                throw new ConfigException("unexpected value '" + inline + "' for '--" + name + "'");
            }
            setFlag(name);
            return i;
        }

        int shortOptions(String arg, String[] args, int i) {
            for (int k = 1; k < arg.length(); k++) {
                char c = arg.charAt(k);
                String name = shortName(c);
                if (name.equals("config-path") || name.equals("log-level")) {
                    String rest = arg.substring(k + 1);
                    if (rest.startsWith("=")) {
                        rest = rest.substring(1);
                    }
                    if (!rest.isEmpty()) {
                        setValue(name, rest);
                        return i;
                    }
                    if (i + 1 >= args.length) {
                        throw missingValue(name);
                    }
                    setValue(name, args[i + 1]);
                    return i + 1;
                }
                setFlag(name);
            }
            return i;
        }

        private static String shortName(char c) {
            switch (c) {
                case 'c':
                    return "config-path";
                case 'l':
                    return "log-level";
                case 'v':
                    return "validate";
                case 'h':
                    return "help";
                default:
                    throw new ConfigException("unexpected argument '-" + c + "'");
            }
        }

        private void setValue(String name, String value) {
            once(name);
            if (name.equals("config-path")) {
                if (value.isEmpty()) {
                    throw new ConfigException("a value is required for '--config-path <CONFIG_PATH>' but none was supplied");
                }
                try {
                    configPath = Path.of(value);
                } catch (InvalidPathException e) {
                    throw new ConfigException("invalid value '" + value + "' for '--config-path <CONFIG_PATH>': " + e.getReason());
                }
            } else {
                if (!LogLevel.isValid(value)) {
                    throw new ConfigException("invalid value '" + value
                            + "' for '--log-level <LOG_LEVEL>' [possible values: trace, debug, info, warn, error]");
                }
                logLevel = value;
            }
        }

        private void setFlag(String name) {
            switch (name) {
                case "validate":
                    once(name);
                    validate = true;
                    break;
                case "help":
                    help = true;
                    break;
                case "version":
                    version = true;
                    break;
                case "console":
                case "remote-console":
                    once(name);
                    break;
                default:
                    throw new ConfigException("unexpected argument '--" + name + "'");
            }
        }

        private void once(String name) {
            if (!seen.add(name)) {
                throw new ConfigException("the argument '--" + name + "' cannot be used multiple times");
            }
        }

        private static ConfigException missingValue(String name) {
            String placeholder = name.equals("config-path") ? "<CONFIG_PATH>" : "<LOG_LEVEL>";
            return new ConfigException("a value is required for '--" + name + " " + placeholder + "' but none was supplied");
        }
    }
}
