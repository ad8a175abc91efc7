package org.ottbalancer.protocol.registry;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/** Whether a monolith may receive new rooms. */
public enum MonolithState {
    /** Serving and eligible for new rooms. */
    ACTIVE("active"),
    /** Keeps the rooms it has while they are moved away, but gets no new ones. */
    DRAINING("draining");

    private final String wire;

    MonolithState(String wire) {
        this.wire = wire;
    }

    @JsonValue
    public String wire() {
        return wire;
    }

    @JsonCreator
    public static MonolithState fromWire(String s) {
        for (MonolithState v : values()) {
            if (v.wire.equals(s)) {
                return v;
            }
        }
        throw new IllegalArgumentException("unknown monolith state \"" + s + "\" (expected active or draining)");
    }
}
