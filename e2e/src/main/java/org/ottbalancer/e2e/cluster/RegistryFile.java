package org.ottbalancer.e2e.cluster;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.ottbalancer.protocol.registry.MonolithEntry;
import org.ottbalancer.protocol.registry.RegistryCodec;
import org.ottbalancer.protocol.registry.RegistryDocument;

/**
 * A registry document on disk, as the balancer's {@code file} discovery reads it. Every write
 * replaces the file by an atomic rename, so a balancer polling it never reads half a document.
 */
public final class RegistryFile {
    private final Path path;
    private long generation;

    public RegistryFile(Path path) {
        this.path = path.toAbsolutePath();
    }

    public Path path() {
        return path;
    }

    /** Publishes {@code monoliths} as the next generation of the registry. */
    public synchronized void publish(List<MonolithEntry> monoliths) {
        generation++;
        String json = RegistryCodec.write(RegistryDocument.of(generation, monoliths));
        try {
            Files.createDirectories(path.getParent());
            Path tmp = Files.createTempFile(path.getParent(), path.getFileName().toString(), ".tmp");
            Files.writeString(tmp, json, StandardCharsets.UTF_8);
            try {
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the registry file " + path + ": " + e.getMessage(), e);
        }
    }

    /** Removes the file; a missing file is fine. */
    public void delete() {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the registry file " + path + ": " + e.getMessage(), e);
        }
    }
}
