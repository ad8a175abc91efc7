package org.ottbalancer.images;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** File-system helpers the JDK lacks, for directories that may hold other users' files. */
final class Files2 {
    private Files2() {
    }

    /** Removes the tree with {@code rm -rf}, which, unlike a Java walk, does not follow links out of it. */
    static void deleteRecursively(Path dir) {
        if (Files.exists(dir)) {
            Commands.run(List.of("rm", "-rf", "--one-file-system", dir.toString()));
        }
    }

    static void createDirectories(Path dir) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create " + dir, e);
        }
    }
}
