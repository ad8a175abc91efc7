package org.ottbalancer.e2e.kube;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The OttCluster scenarios on the local harness: the mock API server, the real operator jar and
 * kubectl, and pods that are local processes on 127.0.0.x (see e2e/README.md).
 */
class OttClusterOnLocalKubeIT extends OttClusterScenarios {

    @Override
    ClusterUnderTest startCluster() throws Exception {
        Path dir = Files.createTempDirectory("ott-local-kube");
        System.out.println("[kube] cluster directory (pod logs, kubeconfig): " + dir);
        return LocalKubeCluster.start(dir, NAMESPACE);
    }
}
