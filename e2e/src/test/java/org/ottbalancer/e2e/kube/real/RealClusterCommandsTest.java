package org.ottbalancer.e2e.kube.real;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ottbalancer.e2e.kube.cli.Kubectl;

/**
 * The commands the real-cluster driver runs, recorded by fake {@code kubectl} and {@code helm} scripts
 * on the PATH it is given (each call's arguments one line in {@code calls.log}, what {@code apply}
 * reads saved as {@code applied-<n>.yaml}).
 */
class RealClusterCommandsTest {
    @TempDir
    Path dir;
    private Path log;
    private RealClusterOptions options;
    private RealCluster cluster;

    private static final String FAKE_KUBECTL = """
            #!/bin/sh
            echo "kubectl $*" >> "%1$s/calls.log"
            case "$*" in
              *" apply "*) n=$(ls "%1$s" | grep -c applied-); cat > "%1$s/applied-$n.yaml"; echo "pod/x created" ;;
              *"-o jsonpath={.spec.nodeName}"*) printf 'node-1|containerd://abc123' ;;
              *"jsonpath={.status.phase}"*) printf 'Succeeded' ;;
              *"restartCount"*) printf '0' ;;
              *"get deployment/redis -o jsonpath={.status.readyReplicas}"*) printf '1' ;;
              *"get --raw "*) printf '[{"name":"b1-room-00"}]' ;;
              *"ott-operator"*"metadata.name"*) printf 'op-0' ;;
            esac
            exit 0
            """;

    private void script(Path bin, String name, String text) throws Exception {
        Path p = Files.writeString(bin.resolve(name), text);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    @BeforeEach
    void fakeToolsAndBuiltImages() throws Exception {
        log = dir.resolve("calls.log");
        Path bin = Files.createDirectories(dir.resolve("bin"));
        script(bin, "kubectl", FAKE_KUBECTL.formatted(dir));
        script(bin, "helm", "#!/bin/sh\necho \"helm $*\" >> \"" + dir + "/calls.log\"\n");
        Path images = Files.createDirectories(dir.resolve("images"));
        for (String name : List.of("ott-operator", "ott-balancer", "ott-monolith-agent", "ott-sample-monolith")) {
            Files.writeString(images.resolve(name + ".tar"), "");
            Files.writeString(images.resolve(name + ".json"), "{\"image\":\"ghcr.io/ott-balancer/" + name + ":0.3.0\",\"tags\":[\"0.3.0\"]}");
        }
        Path kubeconfig = Files.writeString(dir.resolve("kubeconfig"), "apiVersion: v1\n");
        Properties p = new Properties();
        p.setProperty("ott.e2e.realCluster", "true");
        p.setProperty("ott.e2e.kubeconfig", kubeconfig.toString());
        p.setProperty("ott.e2e.registry", "registry.local:5000/ott/");
        p.setProperty("ott.e2e.images", images.toString());
        p.setProperty("ott.e2e.chart", "/src/charts/ott-balancer");
        options = RealClusterOptions.from(p, Map.of("PATH", bin.toString())).orElseThrow();
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        Kubectl kubectl = Kubectl.forRealCluster(options.tool("kubectl"), kubeconfig, "", options.namespace(), scratch);
        cluster = new RealCluster(options, BuiltImages.read(options.imagesDir(), options.registry()), kubectl, scratch);
    }

    private List<String> calls() throws Exception {
        return Files.readAllLines(log);
    }

    @Test
    void everyKubectlCallNamesTheKubeconfigAndTheSuitesNamespace() throws Exception {
        cluster.createNamespace();
        assertEquals(List.of("kubectl --kubeconfig " + dir.resolve("kubeconfig") + " --namespace=ott-e2e --request-timeout=20s create namespace ott-e2e"),
                calls());
    }

    @Test
    void helmInstallsTheChartWithTheBuiltImagesFromTheRegistryWatchingOnlyTheSuitesNamespace() throws Exception {
        cluster.startOperator();
        assertEquals(List.of("helm install ott-e2e /src/charts/ott-balancer --kubeconfig=" + dir.resolve("kubeconfig") + " --namespace=ott-e2e"
                + " --wait --timeout=5m"
                + " --set operator.image.repository=registry.local:5000/ott/ott-operator --set operator.image.tag=0.3.0"
                + " --set operator.watchNamespaces={ott-e2e} --set operator.controlLoop.agentPollInterval=1s"
                + " --set operator.componentImages.balancer=registry.local:5000/ott/ott-balancer:0.3.0"
                + " --set operator.componentImages.agent=registry.local:5000/ott/ott-monolith-agent:0.3.0"
                + " --set operator.componentImages.monolith=registry.local:5000/ott/ott-sample-monolith:e2e-1"), calls());
    }

    @Test
    void redisIsTheManifestFromTheTestResourcesWithItsImage() throws Exception {
        cluster.startRedis();
        String applied = Files.readString(dir.resolve("applied-0.yaml"));
        assertTrue(applied.contains("image: redis:7") && applied.contains("kind: Service"), applied);
        assertTrue(calls().get(0).endsWith("apply -f -"), "a real API server validates: " + calls());
        assertEquals("redis://redis:6379", cluster.redisUri());
    }

    @Test
    void killingAContainerRunsAPrivilegedHostPidPodOnItsNodeWithTheContainersIdAndDeletesItAfterwards() throws Exception {
        cluster.container("victim", "monolith").kill();
        String pod = Files.readString(dir.resolve("applied-0.yaml"));
        assertTrue(pod.contains("nodeName: node-1"), pod);
        assertTrue(pod.contains("hostPID: true") && pod.contains("privileged: true") && pod.contains("restartPolicy: Never"), pod);
        assertTrue(pod.contains("image: busybox:1.36"), pod);
        assertTrue(pod.contains("\"kill-container\", \"abc123\"]"), pod);
        List<String> calls = calls();
        assertTrue(calls.get(calls.size() - 1).matches(".* delete pod ott-e2e-kill-\\S+ --wait=false"), calls.toString());
    }

    @Test
    void killingTheOperatorKillsTheOperatorContainerOfTheReleasesPod() throws Exception {
        cluster.killOperator();
        assertTrue(calls().get(0).endsWith("get pods -l app.kubernetes.io/name=ott-operator,app.kubernetes.io/instance=ott-e2e "
                + "-o jsonpath={.items[0].metadata.name}"), calls().toString());
        assertTrue(calls().stream().anyMatch(c -> c.endsWith("get pod op-0 -o jsonpath={.spec.nodeName}|"
                + "{.status.containerStatuses[?(@.name==\"operator\")].containerID}"
                + "{.status.initContainerStatuses[?(@.name==\"operator\")].containerID}")), calls().toString());
    }

    @Test
    void theKillScriptIsValidShell() throws Exception {
        Process p = new ProcessBuilder("sh", "-n", "-c", NodeKiller.SCRIPT).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes());
        assertEquals(0, p.waitFor(), out);
    }

    @Test
    void podRequestsGoThroughTheApiServersPodProxy() throws Exception {
        assertEquals("[{\"name\":\"b1-room-00\"}]", cluster.podGet("monolith-0", 3000, "/api/room/list"));
        assertTrue(calls().get(0).endsWith("get --raw /api/v1/namespaces/ott-e2e/pods/monolith-0:3000/proxy/api/room/list"), calls().toString());
    }

    @Test
    void theMonolithGenerationsAreTwoNamesOfTheBuiltSampleMonolithInTheRegistry() {
        assertEquals("registry.local:5000/ott/ott-sample-monolith:e2e-1", cluster.monolithImage(1));
        assertEquals("registry.local:5000/ott/ott-sample-monolith:e2e-2", cluster.monolithImage(2));
    }

    @Test
    void kindLoadingConvertsEachArchiveWithAllItsNamesThenLoadsItIntoTheNamedCluster() throws Exception {
        BuiltImages images = BuiltImages.read(options.imagesDir(), "ghcr.io/ott-balancer");
        Path monolith = options.imagesDir().resolve("ott-sample-monolith.tar");
        List<List<String>> commands = ImageLoading.commands(ImageLoading.Mode.parse("kind:ott"), images.all(), Path.of("/w"));
        assertEquals(8, commands.size());
        assertEquals(List.of("skopeo", "copy", "--additional-tag=ghcr.io/ott-balancer/ott-sample-monolith:e2e-1",
                "--additional-tag=ghcr.io/ott-balancer/ott-sample-monolith:e2e-2", "oci-archive:" + monolith,
                "docker-archive:/w/ott-sample-monolith.docker.tar:ghcr.io/ott-balancer/ott-sample-monolith:0.3.0"), commands.get(6));
        assertEquals(List.of("kind", "load", "image-archive", "/w/ott-sample-monolith.docker.tar", "--name", "ott"), commands.get(7));
    }

    @Test
    void registryLoadingPushesEveryNameOfEveryImage() throws Exception {
        BuiltImages images = BuiltImages.read(options.imagesDir(), "registry.local:5000/ott");
        List<List<String>> commands = ImageLoading.commands(ImageLoading.Mode.parse("registry"), images.all(), Path.of("/w"));
        assertEquals(6, commands.size());
        assertEquals(List.of("skopeo", "copy", "oci-archive:" + options.imagesDir().resolve("ott-operator.tar"),
                "docker://registry.local:5000/ott/ott-operator:0.3.0"), commands.get(0));
        assertEquals("docker://registry.local:5000/ott/ott-sample-monolith:e2e-2", commands.get(5).get(3));
    }
}
