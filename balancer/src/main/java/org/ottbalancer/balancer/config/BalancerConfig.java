package org.ottbalancer.balancer.config;

import java.util.Objects;
import java.util.Optional;

/**
 * Everything a balancer process is configured with. Upstream's keys ({@code port}, {@code region},
 * {@code api_key}, {@code discovery}, {@code selection_strategy}) keep their meaning; {@code limits}
 * and {@code migration} hold this implementation's extra knobs, all with defaults; {@code bind} (not
 * upstream's) is the address the client port listens on, empty for every interface.
 */
public record BalancerConfig(
        int port,
        String region,
        Optional<String> apiKey,
        DiscoveryConfig discovery,
        SelectionStrategyConfig selectionStrategy,
        Limits limits,
        MigrationConfig migration,
        Optional<String> bind) {

    public static final int DEFAULT_PORT = 8081;
    public static final String DEFAULT_REGION = "unknown";

    public BalancerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is not in 0..65535");
        }
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(apiKey, "apiKey");
        Objects.requireNonNull(discovery, "discovery");
        Objects.requireNonNull(selectionStrategy, "selectionStrategy");
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(migration, "migration");
        Objects.requireNonNull(bind, "bind");
        bind.ifPresent(BindAddress::check);
    }

    /** Upstream's defaults: port 8081, region "unknown", no API key, manual discovery of nothing, MinRooms. */
    public static BalancerConfig defaults() {
        return new BalancerConfig(DEFAULT_PORT, DEFAULT_REGION, Optional.empty(),
                new DiscoveryConfig.Manual(java.util.List.of()), new SelectionStrategyConfig.MinRooms(), Limits.defaults(),
                MigrationConfig.defaults(), Optional.empty());
    }

    public BalancerConfig withPort(int newPort) {
        return new BalancerConfig(newPort, region, apiKey, discovery, selectionStrategy, limits, migration, bind);
    }

    public BalancerConfig withDiscovery(DiscoveryConfig newDiscovery) {
        return new BalancerConfig(port, region, apiKey, newDiscovery, selectionStrategy, limits, migration, bind);
    }

    public BalancerConfig withApiKey(String key) {
        return new BalancerConfig(port, region, Optional.ofNullable(key), discovery, selectionStrategy, limits, migration, bind);
    }

    public BalancerConfig withRegion(String newRegion) {
        return new BalancerConfig(port, newRegion, apiKey, discovery, selectionStrategy, limits, migration, bind);
    }

    public BalancerConfig withSelectionStrategy(SelectionStrategyConfig strategy) {
        return new BalancerConfig(port, region, apiKey, discovery, strategy, limits, migration, bind);
    }

    public BalancerConfig withMigration(MigrationConfig newMigration) {
        return new BalancerConfig(port, region, apiKey, discovery, selectionStrategy, limits, newMigration, bind);
    }

    public BalancerConfig withLimits(Limits newLimits) {
        return new BalancerConfig(port, region, apiKey, discovery, selectionStrategy, newLimits, migration, bind);
    }

    /** Listen only on {@code address} (an IP literal); {@code null} listens on every interface. */
    public BalancerConfig withBind(String address) {
        return new BalancerConfig(port, region, apiKey, discovery, selectionStrategy, limits, migration,
                Optional.ofNullable(address));
    }
}
