package org.ottbalancer.balancer.config;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads the balancer configuration from the same sources, in the same order, as upstream (spec §7):
 * the TOML file (missing means all defaults), then {@code BALANCER_*} environment variables layered
 * over it, then {@code FLY_REGION} replacing {@code region}. Unknown keys are ignored with a warning,
 * as upstream ignores them; everything else that is wrong is a {@link ConfigException} naming the key.
 */
public final class ConfigLoader {
    private static final Logger log = LoggerFactory.getLogger(ConfigLoader.class);

    static final String FLY_REGION = "FLY_REGION";
    static final Set<String> TOP_LEVEL_KEYS = Set.of(
            "port", "region", "api_key", "discovery", "selection_strategy", "limits", "migration", "bind");

    private ConfigLoader() {
    }

    /** A loaded configuration and the warnings (ignored keys) produced on the way. */
    record Loaded(BalancerConfig config, List<String> warnings) {
    }

    /** Loads from {@code configPath} and the process environment. */
    public static BalancerConfig load(Path configPath) {
        return load(configPath, System.getenv());
    }

    /**
     * Loads from {@code configPath} and the given environment.
     *
     * @throws ConfigException when the file cannot be read or parsed, or any value is invalid
     */
    public static BalancerConfig load(Path configPath, Map<String, String> env) {
        Loaded loaded = loadWithWarnings(configPath, env);
        loaded.warnings().forEach(log::warn);
        return loaded.config();
    }

    static Loaded loadWithWarnings(Path configPath, Map<String, String> env) {
        List<String> warnings = new ArrayList<>();
        ObjectNode tree = readFile(configPath);
        TomlValues.merge(tree, EnvOverrides.read(env, TOP_LEVEL_KEYS, warnings::add));
        BalancerConfig config;
        try {
            config = map(new ConfigTable(tree, "", warnings::add));
        } catch (IllegalArgumentException e) {
            // The records re-check their invariants; the readers check first, so this is a safety net
            // that keeps an overlooked case a configuration error instead of a crash.
            throw new ConfigException("invalid configuration: " + e.getMessage(), e);
        }
        Optional<String> flyRegion = flyRegion(env);
        if (flyRegion.isPresent()) {
            config = config.withRegion(flyRegion.get());
        }
        return new Loaded(config, List.copyOf(warnings));
    }

    /** Upstream looks {@code FLY_REGION} up ignoring case and trims the value. */
    private static Optional<String> flyRegion(Map<String, String> env) {
        return env.entrySet().stream()
                .filter(e -> e.getKey().strip().equalsIgnoreCase(FLY_REGION))
                .map(e -> e.getValue().strip())
                .findFirst();
    }

    private static ObjectNode readFile(Path path) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(Files.readAllBytes(path))).toString();
        } catch (NoSuchFileException e) {
            log.info("no configuration file at {}; using the defaults and the environment", path.toAbsolutePath());
            return TomlValues.emptyTable();
        } catch (CharacterCodingException e) {
            throw new ConfigException(path + ": not valid UTF-8 text");
        } catch (IOException e) {
            throw new ConfigException(path + ": cannot read the configuration file: " + e, e);
        }
        return TomlValues.readDocument(text, path.toString());
    }

    private static BalancerConfig map(ConfigTable top) {
        top.warnAboutKeysOtherThan(TOP_LEVEL_KEYS);
        BalancerConfig d = BalancerConfig.defaults();
        int port = (int) top.integer("port", 0, 65535, d.port());
        String region = top.has("region") ? top.requireString("region") : d.region();
        Optional<String> apiKey = top.optionalString("api_key");
        if (apiKey.isPresent() && apiKey.get().isBlank()) {
            // Upstream would then accept "Authorization: Bearer " as the key. An empty key is far more
            // likely an unset variable in a deployment template than a chosen secret, so the
            // restricted endpoints stay closed instead.
            top.warn("api_key is empty; treating it as not set, so /api/balancing and /api/state stay closed");
            apiKey = Optional.empty();
        }
        DiscoveryConfig discovery = top.optionalTable("discovery").map(DiscoveryConfigReader::read).orElse(d.discovery());
        SelectionStrategyConfig strategy = top.optionalTable("selection_strategy")
                .map(SelectionStrategyReader::read).orElse(d.selectionStrategy());
        Limits limits = top.optionalTable("limits").map(LimitsReader::read).orElse(d.limits());
        MigrationConfig migration = MigrationReader.read(top, d.migration());
        Optional<String> bind = top.optionalString("bind").map(String::strip).filter(b -> !b.isEmpty());
        if (bind.isPresent()) {
            try {
                BindAddress.check(bind.get());
            } catch (IllegalArgumentException e) {
                throw new ConfigException("bind: " + e.getMessage());
            }
        }
        return new BalancerConfig(port, region, apiKey, discovery, strategy, limits, migration, bind);
    }
}
