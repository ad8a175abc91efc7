package org.ottbalancer.operator.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The CRD checked in under crds/ is exactly the one generated from the Java model. */
class CrdIsUpToDateTest {
    private static final String FILE = "ottclusters.ottbalancer.org-v1.yml";

    @Test
    void checkedInCrdEqualsTheGeneratedOne() throws IOException {
        byte[] generated = Files.readAllBytes(Path.of("target/classes/META-INF/fabric8", FILE));
        byte[] checkedIn = Files.readAllBytes(Path.of("../crds", FILE));
        assertArrayEquals(generated, checkedIn, "crds/" + FILE + " is stale: the OttCluster model changed. Refresh it "
                + "with `mvn -pl operator -am process-test-resources -Pupdate-crd` (or `cp operator/target/classes/"
                + "META-INF/fabric8/" + FILE + " crds/`) and commit it.");
    }
}
