package org.ottbalancer.e2e.kube.real;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.ottbalancer.e2e.kube.ClusterUnderTest;
import org.ottbalancer.e2e.kube.cli.Kubectl;
import org.ottbalancer.e2e.kube.service.PortForwardedService;
import org.ottbalancer.e2e.support.Await;

/**
 * A real cluster as a {@link ClusterUnderTest}, driven with kubectl and helm over the kubeconfig the
 * options name and nothing else: the build's images (loaded as {@link ImageLoading} says), a namespace
 * of its own with a Redis ({@code kube/redis.yaml}), the operator installed with the Helm chart (its
 * production settings: leader election and server-side apply on; agents polled every second, as in the
 * local suite), Services reached through per-pod port-forwards ({@link PortForwardedService}), pods'
 * HTTP through the API server's pod proxy, processes killed from their node ({@link NodeKiller}).
 */
public final class RealCluster implements ClusterUnderTest {
    public static final String RELEASE = "ott-e2e";
    static final String OPERATOR_PODS = "app.kubernetes.io/name=ott-operator,app.kubernetes.io/instance=" + RELEASE;
    private static final Duration HELM_TIMEOUT = Duration.ofMinutes(6);

    private final RealClusterOptions options;
    private final BuiltImages images;
    private final Kubectl kubectl;
    private final Commands commands;
    private final NodeKiller killer;
    private final Map<String, PortForwardedService> services = new HashMap<>();
    private String killedOperatorPod;
    private int operatorRestartsAtKill;

    RealCluster(RealClusterOptions options, BuiltImages images, Kubectl kubectl, Path scratch) {
        this.options = options;
        this.images = images;
        this.kubectl = kubectl;
        this.commands = new Commands(scratch);
        this.killer = new NodeKiller(kubectl, options.toolImage());
    }

    /** Loads the images if asked to, creates the namespace (which must not exist yet) and starts Redis in it. */
    public static RealCluster start(RealClusterOptions options, Path dir) throws Exception {
        Path scratch = Files.createDirectories(dir.resolve("scratch"));
        Kubectl kubectl = Kubectl.forRealCluster(options.tool("kubectl"), options.kubeconfig(), options.context(), options.namespace(), scratch);
        RealCluster cluster = new RealCluster(options, BuiltImages.read(options.imagesDir(), options.registry()), kubectl, scratch);
        cluster.loadImages(dir);
        cluster.createNamespace();
        cluster.startRedis();
        return cluster;
    }

    void loadImages(Path work) throws IOException, InterruptedException {
        List<List<String>> loading = ImageLoading.commands(options.imageLoad(), images.all(), work);
        if (!options.imageLoad().loads()) {
            System.out.println("[kube] -Dott.e2e.loadImages=none: the cluster must already have " + images.all().stream()
                    .flatMap(i -> i.references().stream()).toList());
            return;
        }
        for (List<String> command : loading) {
            List<String> resolved = new ArrayList<>(command);
            resolved.set(0, options.tool(command.get(0)).toString());
            if (command.get(command.size() - 1).startsWith("docker-archive:")) {
                Files.deleteIfExists(Path.of(command.get(command.size() - 1).split(":")[1]));
            }
            commands.ok(resolved, Duration.ofMinutes(10));
        }
    }

    void createNamespace() throws IOException, InterruptedException {
        Kubectl.Result r = kubectl.run(null, "create", "namespace", options.namespace());
        if (!r.ok()) {
            throw new IllegalStateException("cannot create namespace " + options.namespace() + " (the suite needs a fresh one; left over from "
                    + "an earlier run? `kubectl delete namespace " + options.namespace() + "`, or -Dott.e2e.namespace=<other>): " + r.stderr());
        }
    }

    void startRedis() throws IOException, InterruptedException {
        String manifest;
        try (InputStream in = RealCluster.class.getResourceAsStream("/kube/redis.yaml")) {
            manifest = new String(in.readAllBytes(), StandardCharsets.UTF_8).replace("{{redisImage}}", options.redisImage());
        }
        Kubectl.Result applied = kubectl.apply(manifest);
        if (!applied.ok()) {
            throw new AssertionError("Redis: " + applied.describe());
        }
        // Polled: every kubectl call here ends within 45 s, and pulling the image may take longer.
        Await.every(Duration.ofSeconds(1), "Redis to be Ready", Duration.ofSeconds(300),
                () -> quietly(() -> kubectl.jsonpath("deployment/redis", "{.status.readyReplicas}").equals("1")),
                () -> quietly(() -> kubectl.run(null, "get", "pods", "-l", "app.kubernetes.io/name=redis", "-o", "wide").stdout()));
    }

    /** {@code helm install} of the chart with the built images and the suite's namespace as the only one watched. */
    List<String> helmInstall() {
        List<String> command = new ArrayList<>(List.of(options.tool("helm").toString(), "install", RELEASE, options.chart().toString()));
        command.addAll(helmConnection());
        command.addAll(List.of("--wait", "--timeout=5m",
                "--set", "operator.image.repository=" + options.registry() + "/" + BuiltImages.OPERATOR,
                "--set", "operator.image.tag=" + images.tag(),
                "--set", "operator.watchNamespaces={" + options.namespace() + "}",
                "--set", "operator.controlLoop.agentPollInterval=1s",
                "--set", "operator.componentImages.balancer=" + images.reference(BuiltImages.BALANCER),
                "--set", "operator.componentImages.agent=" + images.reference(BuiltImages.AGENT),
                "--set", "operator.componentImages.monolith=" + images.monolith(1)));
        return command;
    }

    private List<String> helmConnection() {
        List<String> c = new ArrayList<>(List.of("--kubeconfig=" + options.kubeconfig()));
        if (!options.context().isBlank()) {
            c.add("--kube-context=" + options.context());
        }
        c.add("--namespace=" + options.namespace());
        return c;
    }

    @Override
    public Kubectl kubectl() {
        return kubectl;
    }

    @Override
    public String namespace() {
        return options.namespace();
    }

    @Override
    public String redisUri() {
        return "redis://redis:6379";
    }

    @Override
    public String monolithImage(int generation) {
        return images.monolith(generation);
    }

    /** Installs the chart (with its CRD) and returns once the operator Deployment is available. */
    @Override
    public void startOperator() throws Exception {
        commands.ok(helmInstall(), HELM_TIMEOUT);
    }

    /** SIGKILL to the operator's JVM from its node; the kubelet restarts the container, as after a crash. */
    @Override
    public void killOperator() throws Exception {
        String pod = kubectl.ok("get", "pods", "-l", OPERATOR_PODS, "-o", "jsonpath={.items[0].metadata.name}");
        Container operator = container(pod, "operator");
        operatorRestartsAtKill = operator.restarts();
        killedOperatorPod = pod;
        operator.kill();
    }

    /** Nothing to start: the kubelet restarts the killed container; this waits until it runs and is Ready again. */
    @Override
    public void restartOperator() throws Exception {
        if (killedOperatorPod == null) {
            throw new IllegalStateException("the operator was not killed");
        }
        Container operator = container(killedOperatorPod, "operator");
        Await.every(Duration.ofMillis(500), "the operator container restarted and Ready", Duration.ofSeconds(180),
                () -> quietly(() -> operator.restarts() > operatorRestartsAtKill && operator.ready()), () -> "");
    }

    @Override
    public synchronized int servicePort(String name, int port, Duration timeout) throws Exception {
        PortForwardedService s = forwarded(name, port);
        // Port-forwards take a moment to come up: at least 30 s, whatever the local harness needs.
        Duration wait = timeout.compareTo(Duration.ofSeconds(30)) < 0 ? Duration.ofSeconds(30) : timeout;
        Await.until("port-forwards to every Ready pod of service " + name + ":" + port, wait,
                () -> !s.readyPods().isEmpty() && s.forwarded() == s.readyPods().size());
        return s.port();
    }

    private PortForwardedService forwarded(String name, int port) throws InterruptedException {
        PortForwardedService s = services.get(name + ":" + port);
        if (s == null) {
            s = PortForwardedService.start(kubectl, name, port);
            services.put(name + ":" + port, s);
        }
        return s;
    }

    @Override
    public synchronized int serviceEndpoints(String name, int port) throws Exception {
        return forwarded(name, port).endpoints().pods().size();
    }

    @Override
    public Container container(String pod, String container) {
        return new Container() {
            private String status(String field) throws IOException, InterruptedException {
                return kubectl.jsonpath("pod/" + pod, "{.status.containerStatuses[?(@.name==\"" + container + "\")]." + field + "}"
                        + "{.status.initContainerStatuses[?(@.name==\"" + container + "\")]." + field + "}");
            }

            @Override
            public int restarts() throws Exception {
                String n = status("restartCount");
                if (n.isBlank()) {
                    throw new AssertionError("pod " + pod + " has no container " + container);
                }
                return Integer.parseInt(n.trim());
            }

            @Override
            public boolean ready() throws Exception {
                return status("ready").trim().equals("true");
            }

            @Override
            public void kill() throws Exception {
                killer.kill(pod, container);
            }
        };
    }

    /** Through the API server's pod proxy: the test JVM cannot reach pod IPs. */
    @Override
    public String podGet(String pod, int port, String path) throws IOException, InterruptedException {
        Kubectl.Result r = kubectl.run(null, "get", "--raw", podProxyPath(pod, port, path));
        if (!r.ok()) {
            throw new IOException("GET " + path + " on pod " + pod + ":" + port + " through the API server: " + r.stderr());
        }
        return r.stdout();
    }

    String podProxyPath(String pod, int port, String path) {
        return "/api/v1/namespaces/" + options.namespace() + "/pods/" + pod + ":" + port + "/proxy" + path;
    }

    @Override
    public boolean podsGone(String selector) throws Exception {
        return kubectl.ok("get", "pods", "-l", selector, "-o", "name").isBlank();
    }

    /**
     * Deletes what the suite made: OttClusters first (while the operator still runs), the Helm release,
     * then the namespace. The CRD stays, as after any {@code helm uninstall}.
     */
    @Override
    public void close() throws Exception {
        for (PortForwardedService s : services.values()) {
            s.close();
        }
        kubectl.run(null, "delete", "ottclusters", "--all", "--wait=false");
        Await.every(Duration.ofSeconds(1), "every OttCluster deleted", Duration.ofSeconds(180),
                () -> quietly(() -> kubectl.ok("get", "ottclusters", "-o", "name").isBlank()), () -> "");
        List<String> uninstall = new ArrayList<>(List.of(options.tool("helm").toString(), "uninstall", RELEASE));
        uninstall.addAll(helmConnection());
        uninstall.add("--wait");
        commands.run(uninstall, HELM_TIMEOUT);
        kubectl.run(null, "delete", "namespace", options.namespace(), "--wait=false");
    }

    interface Check<T> {
        T get() throws Exception;
    }

    static <T> T quietly(Check<T> c) {
        try {
            return c.get();
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
