package org.ottbalancer.images;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One of the built images, unpacked once per test run: its OCI layout under
 * {@code target/image-rootfs/<name>/layout} and its file system under {@code .../rootfs}.
 *
 * @param name the image's repository name, e.g. {@code ott-balancer}
 */
record UnpackedImage(String name, ImageTarball tarball, Path rootfs) {
    /** The images the build makes, by their names under {@code ghcr.io/ott-balancer/}. */
    static final List<String> NAMES = List.of("ott-balancer", "ott-sample-monolith", "ott-monolith-agent", "ott-operator");

    private static final Map<String, UnpackedImage> UNPACKED = new ConcurrentHashMap<>();

    static UnpackedImage of(String name) {
        return UNPACKED.computeIfAbsent(name, UnpackedImage::unpack);
    }

    private static UnpackedImage unpack(String name) {
        Path work = BuildSettings.workDirectory().resolve(name);
        ImageTarball tarball = ImageTarball.open(BuildSettings.imagesDirectory().resolve(name + ".tar"), work.resolve("layout"));
        Path rootfs = work.resolve("rootfs");
        tarball.unpackLayers(rootfs);
        return new UnpackedImage(name, tarball, rootfs);
    }

    /** The entrypoint from the image configuration, e.g. {@code [/opt/java/bin/java, ..., -jar, /app/x.jar]}. */
    List<String> entrypoint() {
        return Json.strings(tarball.containerConfig().path("Entrypoint"));
    }

    /** {@code KEY=value} entries of the image's environment. */
    List<String> environment() {
        return Json.strings(tarball.containerConfig().path("Env"));
    }

    String user() {
        return tarball.containerConfig().path("User").asText();
    }

    String workingDirectory() {
        String wd = tarball.containerConfig().path("WorkingDir").asText();
        return wd.isEmpty() ? "/" : wd;
    }
}
