package org.ottbalancer.balancer.config;

import java.time.Duration;
import java.util.Objects;

/**
 * How clients survive their room leaving its monolith (the {@code migration} key: a mode string, or
 * a table with {@code mode} and the bounds below).
 *
 * @param mode {@link Mode#LIVE} keeps client sockets open and re-joins them on the room's new home;
 *     {@link Mode#RECONNECT} closes them with 1000 as upstream does, and browsers reconnect
 * @param bufferFrames client frames held per client while its room is frozen or moving
 * @param bufferBytes bytes held per client while its room is frozen or moving
 * @param timeout how long a client may wait for its room's new home before it is closed with 1000
 * @param maxFreeze the longest freeze honoured, whatever deadline the monolith's agent asks for
 */
public record MigrationConfig(Mode mode, int bufferFrames, long bufferBytes, Duration timeout, Duration maxFreeze) {

    public enum Mode {
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
            throw new IllegalArgumentException("unknown migration mode \"" + s + "\" (expected live or reconnect)");
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
    }

    public static MigrationConfig defaults() {
        return new MigrationConfig(Mode.LIVE, 1024, 4L << 20, Duration.ofSeconds(30), Duration.ofMinutes(2));
    }

    public boolean live() {
        return mode == Mode.LIVE;
    }

    public MigrationConfig withMode(Mode m) {
        return new MigrationConfig(m, bufferFrames, bufferBytes, timeout, maxFreeze);
    }
}
