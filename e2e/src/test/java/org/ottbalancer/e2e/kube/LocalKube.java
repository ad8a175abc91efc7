package org.ottbalancer.e2e.kube;

import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.ottbalancer.e2e.kube.api.MockApiServer;
import org.ottbalancer.e2e.kube.cli.Kubectl;
import org.ottbalancer.e2e.kube.service.ServicePortSpreader;
import org.ottbalancer.e2e.kube.service.ServiceProxies;
import org.ottbalancer.e2e.kube.workload.AddressPool;
import org.ottbalancer.e2e.kube.workload.DeploymentController;
import org.ottbalancer.e2e.kube.workload.GarbageCollector;
import org.ottbalancer.e2e.kube.workload.ImageCatalog;
import org.ottbalancer.e2e.kube.workload.Kubelet;
import org.ottbalancer.e2e.kube.workload.KubeletContext;
import org.ottbalancer.e2e.kube.workload.PodProcess;
import org.ottbalancer.e2e.support.Await;

/**
 * A Kubernetes cluster on one machine, for the operator's end-to-end suites: the mock API server
 * (kubectl works against it), a node whose pods are local processes on their own loopback addresses,
 * the Deployment/ReplicaSet controllers, kube-proxy for Services and the garbage collector, all in
 * this JVM and driven by one control loop that looks at the API every 250 ms; plus the real operator
 * as a separate process. One namespace.
 */
public final class LocalKube implements AutoCloseable {
    /**
     * Small heaps and C1 only: up to a dozen JVMs share two cores, and none of them runs long. Log
     * lines carry the time, so pod logs can be read side by side.
     */
    public static final List<String> JVM_OPTIONS = List.of("-XX:+UseSerialGC", "-Xmx256m", "-XX:TieredStopAtLevel=1",
            "--enable-native-access=ALL-UNNAMED", "-Dorg.slf4j.simpleLogger.showDateTime=true",
            "-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");
    private static final Duration LOOP = Duration.ofMillis(250);

    private final Path dir;
    private final MockApiServer api;
    private final KubernetesClient client;
    private final Kubectl kubectl;
    private final Kubelet kubelet;
    private final DeploymentController deployments;
    private final ServiceProxies services = new ServiceProxies();
    private final GarbageCollector gc;
    private final OperatorProcess operator;
    private final ScheduledExecutorService loop;
    private final AtomicLong ticks = new AtomicLong();

    private LocalKube(Path dir, String namespace) throws IOException {
        this.dir = dir;
        this.api = MockApiServer.start(dir, namespace);
        this.client = api.newClient();
        this.kubectl = new Kubectl(api.kubeconfig(), Files.createDirectories(dir.resolve("kubectl")));
        this.kubelet = new Kubelet(new KubeletContext(client, ImageCatalog.fromBuild(), new AddressPool(), api.kubeconfig(),
                Files.createDirectories(dir.resolve("pods")), JVM_OPTIONS, Duration.ofSeconds(1)));
        this.deployments = new DeploymentController(client);
        this.gc = new GarbageCollector(client, "ottbalancer.org/v1alpha1", "OttCluster");
        Path operatorJar = Path.of(System.getProperty("ott.operatorJar", "../operator/target/ott-operator.jar")).toAbsolutePath().normalize();
        if (!Files.isRegularFile(operatorJar)) {
            throw new IllegalStateException(operatorJar + " is missing: build it first (`mvn -pl e2e -am package -DskipTests`)");
        }
        this.operator = new OperatorProcess(operatorJar, api.kubeconfig(), namespace, dir, JVM_OPTIONS);
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(namespace).endMetadata().build()).create();
        this.loop = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "local-kube-control-loop");
            t.setDaemon(true);
            return t;
        });
        loop.scheduleWithFixedDelay(this::tick, 0, LOOP.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Starts the API server and the node's controllers in {@code dir} (pod directories, logs, kubeconfig). */
    public static LocalKube start(Path dir, String namespace) throws IOException {
        return new LocalKube(dir, namespace);
    }

    private void tick() {
        String ns = api.namespace();
        try {
            List<Pod> pods = client.pods().inNamespace(ns).list().getItems();
            deployments.sync(client.apps().deployments().inNamespace(ns).list().getItems(), pods);
            kubelet.sync(pods);
            services.sync(client.services().inNamespace(ns).list().getItems(), pods);
            if (ticks.incrementAndGet() % 4 == 0) {
                gc.sync(ns);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The next tick looks again; a flaky list must not stop the cluster.
            System.out.printf("[kube] control loop: %s%n", e);
        }
    }

    public Kubectl kubectl() {
        return kubectl;
    }

    public KubernetesClient client() {
        return client;
    }

    public String namespace() {
        return api.namespace();
    }

    public Path directory() {
        return dir;
    }

    public OperatorProcess operator() {
        return operator;
    }

    public Kubelet kubelet() {
        return kubelet;
    }

    /** The local port of a Service's port, waiting up to {@code timeout} for the Service to appear. */
    public ServicePortSpreader service(String name, int port, Duration timeout) throws InterruptedException {
        Await.until("service " + name + ":" + port + " to exist", timeout,
                () -> services.spreader(namespace(), name, port).isPresent());
        return services.spreader(namespace(), name, port).orElseThrow();
    }

    /** The pod running under {@code name}. */
    public PodProcess pod(String name) {
        return kubelet.pod(name).orElseThrow(() -> new AssertionError("no pod " + name + " runs on the node"));
    }

    @Override
    public void close() throws Exception {
        loop.shutdownNow();
        loop.awaitTermination(5, TimeUnit.SECONDS);
        operator.close();
        kubelet.close();
        services.close();
        client.close();
        api.close();
    }
}
