package org.ottbalancer.e2e.kube;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Assumptions;
import org.ottbalancer.e2e.kube.real.RealCluster;
import org.ottbalancer.e2e.kube.real.RealClusterOptions;

/**
 * The OttCluster scenarios against a real cluster: only with {@code -Dott.e2e.realCluster=true} and a
 * kubeconfig ({@code -Dott.e2e.kubeconfig} or {@code KUBECONFIG}); skipped otherwise, saying how to
 * run it. Needs the build's image archives, kubectl and helm (and skopeo plus kind or k3d to load the
 * images), see e2e/README.md.
 */
class OttClusterOnRealKubeIT extends OttClusterScenarios {

    @Override
    ClusterUnderTest startCluster() throws Exception {
        Optional<RealClusterOptions> options = RealClusterOptions.from(System.getProperties(), System.getenv());
        if (options.isEmpty()) {
            // Failsafe reports a class aborted in @BeforeAll as "Tests run: 0" without the reason: say it here.
            System.out.println("[kube] OttClusterOnRealKubeIT skipped: " + RealClusterOptions.HOW_TO_RUN);
        }
        Assumptions.assumeTrue(options.isPresent(), RealClusterOptions.HOW_TO_RUN);
        Path dir = Files.createTempDirectory("ott-real-kube");
        System.out.println("[kube] real cluster from " + options.get().kubeconfig() + ", namespace " + options.get().namespace()
                + "; scratch directory " + dir);
        return RealCluster.start(options.get(), dir);
    }
}
