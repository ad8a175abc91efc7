package org.ottbalancer.balancer.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How clients survive their room leaving its monolith (the {@code migration} key: a mode string, or
 * a table with {@code mode} and the bounds below).
 *
 * @param mode {@link Mode#AUTO} (the default) migrates live the rooms of monoliths whose link runs
 *     through a monolith agent (the agent announces itself), and treats plain monoliths as upstream
 *     does; {@link Mode#LIVE} migrates every room; {@link Mode#RECONNECT} never does: clients are
 *     closed with 1000 and browsers reconnect
 * @param bufferFrames client frames held per client while its room is frozen or moving
 * @param bufferBytes bytes held per client while its room is frozen or moving
 * @param timeout how long a client may wait for its room's new home before it is closed with 1000
 * @param maxFreeze the longest freeze honoured, whatever deadline the monolith's agent asks for
 * @param rejoinGrace after re-joining a moved client, how long its held messages wait before they
 *     are sent: the room's clients on other balancers re-join at about the same moment and must
 *     be in the room before anything held is broadcast in it
 */
public record MigrationConfig(Mode mode, int bufferFrames, long bufferBytes, Duration timeout, Duration maxFreeze,
        Duration rejoinGrace) {

    public enum Mode {
        AUTO("auto"),
        LIVE("live"),
        RECONNECT("reconnect");

        private final String wire;

        Mode(String wire) {
            this.wire = wire;
        }

        public String wire() {
            return wire;
        }

        public static Mode fromWire(String s) {
            for (Mode m : values()) {
                if (m.wire.equals(s)) {
                    return m;
                }
            }
            throw new IllegalArgumentException("unknown migration mode \"" + s + "\" (expected auto, live or reconnect)");
        }
    }

    public MigrationConfig {
        Objects.requireNonNull(mode, "mode");
        if (bufferFrames < 1) {
            throw new IllegalArgumentException("migration buffer_frames must be at least 1");
        }
        if (bufferBytes < 1) {
            throw new IllegalArgumentException("migration buffer_bytes must be at least 1");
        }
        if (timeout == null || timeout.isZero() || timeout.isNegative()) {
            throw new IllegalArgumentException("migration timeout must be a positive duration");
        }
        if (maxFreeze == null || maxFreeze.isZero() || maxFreeze.isNegative()) {
            throw new IllegalArgumentException("migration max_freeze must be a positive duration");
        }
        if (rejoinGrace == null || rejoinGrace.isNegative()) {
            throw new IllegalArgumentException("migration rejoin_grace must be zero or positive");
        }
    }

    /** The same bounds without a re-join grace (kept for callers written before the grace existed). */
    public MigrationConfig(Mode mode, int bufferFrames, long bufferBytes, Duration timeout, Duration maxFreeze) {
        this(mode, bufferFrames, bufferBytes, timeout, maxFreeze, DEFAULT_REJOIN_GRACE);
    }

    public static final Duration DEFAULT_REJOIN_GRACE = Duration.ofMillis(500);

    public static MigrationConfig defaults() {
        return new MigrationConfig(Mode.AUTO, 1024, 4L << 20, Duration.ofSeconds(30), Duration.ofMinutes(2),
                DEFAULT_REJOIN_GRACE);
    }

    /**
     * Whether clients of a monolith's rooms are moved rather than disconnected: always in
     * {@code live} mode, in {@code auto} mode only when an agent on the monolith's link prepares
     * rooms for a move (it freezes them until their state has settled).
     */
    public boolean migrates(boolean agentOnLink) {
        return mode == Mode.LIVE || (mode == Mode.AUTO && agentOnLink);
    }

    public MigrationConfig withMode(Mode m) {
        return new MigrationConfig(m, bufferFrames, bufferBytes, timeout, maxFreeze, rejoinGrace);
    }
}
