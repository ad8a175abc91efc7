package org.ottbalancer.e2e.kube;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import org.ottbalancer.e2e.kube.cli.Kubectl;
import org.ottbalancer.e2e.kube.workload.ContainerProcess;
import org.ottbalancer.e2e.support.RedisServer;

/**
 * The local harness as a {@link ClusterUnderTest}: {@link LocalKube} (mock API server, kubelet,
 * controllers, kube-proxy, the operator as a process) and a {@code redis-server} on 127.0.0.2, which
 * the pods see as another host. Images are the catalog's names: any tag of a known repository runs that
 * module's jar, so the two monolith generations differ by tag only.
 */
public final class LocalKubeCluster implements ClusterUnderTest {
    private static final String MONOLITH_REPOSITORY = "ghcr.io/ott-balancer/ott-sample-monolith";

    private final RedisServer redis;
    private final LocalKube kube;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private LocalKubeCluster(RedisServer redis, LocalKube kube) {
        this.redis = redis;
        this.kube = kube;
    }

    /** Redis, then the cluster in {@code dir} (pod logs, kubeconfig); the operator starts with {@link #startOperator()}. */
    public static LocalKubeCluster start(Path dir, String namespace) throws Exception {
        // Redis on an address of its own: to the pods it is another host, not their loopback.
        RedisServer redis = RedisServer.start("127.0.0.2");
        try {
            return new LocalKubeCluster(redis, LocalKube.start(dir, namespace));
        } catch (Exception | Error e) {
            redis.close();
            throw e;
        }
    }

    public LocalKube kube() {
        return kube;
    }

    @Override
    public Kubectl kubectl() {
        return kube.kubectl();
    }

    @Override
    public String namespace() {
        return kube.namespace();
    }

    @Override
    public String redisUri() {
        return redis.uri();
    }

    @Override
    public String monolithImage(int generation) {
        return MONOLITH_REPOSITORY + ":e2e-" + generation;
    }

    @Override
    public void startOperator() throws Exception {
        kube.operator().start();
    }

    /** SIGKILL to the operator process; nothing restarts it until {@link #restartOperator()}. */
    @Override
    public void killOperator() throws Exception {
        kube.operator().kill();
    }

    @Override
    public void restartOperator() throws Exception {
        kube.operator().start();
    }

    @Override
    public int servicePort(String name, int port, Duration timeout) throws Exception {
        return kube.service(name, port, timeout).port();
    }

    @Override
    public int serviceEndpoints(String name, int port) throws Exception {
        return kube.service(name, port, Duration.ofSeconds(1)).endpoints().size();
    }

    @Override
    public Container container(String pod, String container) {
        ContainerProcess process = kube.pod(pod).container(container)
                .orElseThrow(() -> new AssertionError("pod " + pod + " has no container " + container));
        return new Container() {
            @Override
            public int restarts() {
                return process.restarts();
            }

            @Override
            public boolean ready() {
                return process.ready();
            }

            /** SIGKILL to the container's process; the kubelet restarts it after a second. */
            @Override
            public void kill() {
                process.kill();
            }
        };
    }

    /** Pod IPs (127.0.0.x) are reachable from the test JVM here. */
    @Override
    public String podGet(String pod, int port, String path) throws IOException, InterruptedException {
        String ip = kube.pod(pod).ip();
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":" + port + path))
                .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        return r.body();
    }

    /** The kubelet runs no pod process any more (every pod here belongs to the scenarios' clusters). */
    @Override
    public boolean podsGone(String selector) {
        return kube.kubelet().pods().isEmpty();
    }

    @Override
    public void close() throws Exception {
        try {
            kube.close();
        } finally {
            redis.close();
        }
    }
}
