package org.ottbalancer.protocol.registry;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/**
 * The registry: the monoliths balancers should link to, as published by the operator into a
 * ConfigMap or written to a file by hand.
 *
 * @param version format version; readers reject versions newer than they understand
 * @param generation increases with every published change, so readers can ignore stale copies
 * @param monoliths the monoliths, in no particular order
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RegistryDocument(
        @JsonProperty(value = "version", required = true) Integer version,
        @JsonProperty("generation") Long generation,
        @JsonProperty(value = "monoliths", required = true) List<MonolithEntry> monoliths) {

    /** The format version this code writes and the newest it reads. */
    public static final int CURRENT_VERSION = 1;

    public RegistryDocument {
        if (version == null) {
            throw new IllegalArgumentException("registry document is missing `version`");
        }
        if (generation == null) {
            generation = 0L;
        }
        if (version < 1) {
            throw new IllegalArgumentException("registry version must be at least 1, got " + version);
        }
        if (monoliths == null) {
            throw new IllegalArgumentException("registry document is missing `monoliths`");
        }
        for (int i = 0; i < monoliths.size(); i++) {
            if (monoliths.get(i) == null) {
                throw new IllegalArgumentException("monoliths[" + i + "] is null");
            }
        }
        monoliths = List.copyOf(monoliths);
    }

    public static RegistryDocument of(long generation, List<MonolithEntry> monoliths) {
        return new RegistryDocument(CURRENT_VERSION, generation, monoliths);
    }
}
