package org.ottbalancer.images;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * An OCI image layout tarball as Jib writes it ({@code oci-layout}, {@code index.json}, {@code
 * blobs/sha256/...}), read without a container engine: the index names one manifest, the manifest
 * names the config and the gzipped layers.
 */
final class ImageTarball {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path layout;
    private final JsonNode index;
    private final JsonNode manifest;
    private final JsonNode config;
    private List<LayerEntry> layerEntries;

    private ImageTarball(Path layout) {
        this.layout = layout;
        this.index = readJson(layout.resolve("index.json"));
        JsonNode manifests = index.path("manifests");
        if (manifests.size() != 1) {
            throw new IllegalStateException(layout + ": expected one manifest in index.json, found " + manifests.size());
        }
        this.manifest = readJson(blob(manifests.get(0).path("digest").asText()));
        this.config = readJson(blob(manifest.path("config").path("digest").asText()));
    }

    /** Unpacks the tarball into {@code layoutDirectory} (emptied first) and reads it. */
    static ImageTarball open(Path tarball, Path layoutDirectory) {
        if (!Files.isRegularFile(tarball)) {
            throw new IllegalStateException(tarball + " does not exist: build the images first (mvn -pl runtime-image -am package)");
        }
        Files2.deleteRecursively(layoutDirectory);
        Files2.createDirectories(layoutDirectory);
        Commands.run(List.of("tar", "-xf", tarball.toString(), "-C", layoutDirectory.toString()));
        return new ImageTarball(layoutDirectory);
    }

    /** The name the image was built as, e.g. {@code ghcr.io/ott-balancer/ott-balancer:0.1.0}. */
    String reference() {
        return index.path("manifests").get(0).path("annotations").path("org.opencontainers.image.ref.name").asText();
    }

    /** The {@code config} object of the image configuration: User, Entrypoint, Env, Labels... */
    JsonNode containerConfig() {
        return config.path("config");
    }

    JsonNode imageConfig() {
        return config;
    }

    /** Digests of the compressed layers, base first. */
    List<String> layerDigests() {
        List<String> digests = new ArrayList<>();
        manifest.path("layers").forEach(layer -> digests.add(layer.path("digest").asText()));
        return digests;
    }

    /** Every entry of every layer, as {@code tar --numeric-owner -tv} lists it, base layer first. */
    synchronized List<LayerEntry> layerEntries() {
        if (layerEntries != null) {
            return layerEntries;
        }
        List<LayerEntry> entries = new ArrayList<>();
        for (String digest : layerDigests()) {
            String listing = Commands.run(List.of("tar", "--warning=no-unknown-keyword", "--numeric-owner", "-tvzf", blob(digest).toString()));
            listing.lines().filter(line -> !line.isBlank()).map(LayerEntry::parse).forEach(entries::add);
        }
        layerEntries = List.copyOf(entries);
        return layerEntries;
    }

    /**
     * One file of a layer.
     *
     * @param mode as ls shows it, e.g. {@code drwxrwxrwt}
     * @param path without the leading {@code ./}, directories without the trailing slash
     */
    record LayerEntry(String mode, int uid, int gid, String path) {
        static LayerEntry parse(String line) {
            // drwx------ 65532/65532 0 1970-01-01 00:00 ./home/nonroot/
            String[] f = line.trim().split("\\s+", 6);
            if (f.length < 6) {
                throw new IllegalStateException("unexpected tar listing line: " + line);
            }
            String[] owner = f[1].split("/");
            String path = f[5].replaceFirst("^\\./", "").replaceFirst("/$", "");
            return new LayerEntry(f[0], Integer.parseInt(owner[0]), Integer.parseInt(owner[1]), path);
        }

        String fileName() {
            return path.substring(path.lastIndexOf('/') + 1);
        }
    }

    /**
     * Extracts the layers, in order, into {@code rootfs} (emptied first), keeping modes and numeric
     * owners. Jib writes no whiteout entries, so plain extraction gives the container's file system.
     */
    void unpackLayers(Path rootfs) {
        Files2.deleteRecursively(rootfs);
        Files2.createDirectories(rootfs);
        for (String digest : layerDigests()) {
            // Owners only as root; unprivileged, the files become the caller's (see Isolation).
            Commands.run(List.of("tar", "-xzf", blob(digest).toString(), "-C", rootfs.toString(),
                    "--numeric-owner", Isolation.isRoot() ? "--same-owner" : "--no-same-owner", "--same-permissions"));
        }
    }

    private Path blob(String digest) {
        if (!digest.startsWith("sha256:")) {
            throw new IllegalStateException("unsupported digest " + digest);
        }
        return layout.resolve("blobs/sha256").resolve(digest.substring("sha256:".length()));
    }

    private static JsonNode readJson(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }
}
