package org.ottbalancer.images;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The tarballs are ordinary OCI archives: skopeo, the tool docs/images.md uses to push them to a
 * registry or convert them for {@code docker load}, reads each as the image Jib says it built.
 */
class StandardToolsIT {
    static List<String> images() {
        return UnpackedImage.NAMES;
    }

    @ParameterizedTest
    @MethodSource("images")
    void skopeoReadsTheTarballAsTheImageJibBuilt(String name) throws IOException {
        assumeTrue(Commands.tryRun(List.of("skopeo", "--version")).exitCode() == 0,
                "skopeo is not installed (Debian package skopeo; .ci/run installs it): OCI archive check skipped");
        Path tarball = BuildSettings.imagesDirectory().resolve(name + ".tar");
        JsonNode inspected = new ObjectMapper().readTree(Commands.run(List.of("skopeo", "inspect", "oci-archive:" + tarball)));
        assertEquals(Files.readString(BuildSettings.imagesDirectory().resolve(name + ".digest")).trim(), inspected.path("Digest").asText());
        assertEquals(BuildSettings.tag(), inspected.path("Labels").path("org.opencontainers.image.version").asText());
    }
}
