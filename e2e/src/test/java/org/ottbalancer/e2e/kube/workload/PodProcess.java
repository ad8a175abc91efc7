package org.ottbalancer.e2e.kube.workload;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIPBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.PodStatusBuilder;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The kubelet's work for one pod, on the pod's own thread: give it an address and its volumes, start
 * its native sidecars (init containers with {@code restartPolicy: Always}) and then its containers as
 * local processes, probe readiness, restart a container whose process died, and publish all of it
 * as the pod's status. Once the pod is deleted: not Ready at once, each container's preStop hook
 * (run locally, see {@link PodNetwork}), SIGTERM, SIGKILL at the end of the grace period, then the
 * sidecars the same way, and finally the finalizer is removed so the API object goes away.
 */
public final class PodProcess {
    public static final String FINALIZER = "e2e.ottbalancer.org/local-kubelet";
    private static final Duration RESTART_BACKOFF = Duration.ofSeconds(1);

    private final KubeletContext ctx;
    private final Pod pod;
    private final String namespace;
    private final String name;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final List<ContainerProcess> sidecars = new ArrayList<>();
    private final List<ContainerProcess> mains = new ArrayList<>();
    private final Map<String, String> waiting = new LinkedHashMap<>();
    private final Map<ContainerProcess, Long> diedAt = new LinkedHashMap<>();
    private final CompletableFuture<Void> finished = new CompletableFuture<>();
    private final String startTime = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    private volatile boolean terminating;
    private volatile boolean apiObjectGone;
    private volatile String ip;
    private PodNetwork network;
    private Path dir;
    private String lastStatus;

    PodProcess(KubeletContext ctx, Pod pod) {
        this.ctx = ctx;
        this.pod = pod;
        this.namespace = pod.getMetadata().getNamespace();
        this.name = pod.getMetadata().getName();
    }

    void start() {
        Thread t = new Thread(this::run, "pod-" + name);
        t.setDaemon(true);
        t.start();
    }

    /** The pod was deleted (its deletion timestamp is set): stop it gracefully. */
    void terminate() {
        terminating = true;
    }

    /** The API object is gone without the kubelet's consent: stop at once, nothing to report to. */
    void forget() {
        apiObjectGone = true;
        terminating = true;
    }

    public String name() {
        return name;
    }

    public String ip() {
        return ip;
    }

    public boolean terminating() {
        return terminating;
    }

    CompletableFuture<Void> finished() {
        return finished;
    }

    public Optional<ContainerProcess> container(String containerName) {
        for (ContainerProcess c : all()) {
            if (c.name().equals(containerName)) {
                return Optional.of(c);
            }
        }
        return Optional.empty();
    }

    public Path directory() {
        return dir;
    }

    private List<ContainerProcess> all() {
        List<ContainerProcess> all = new ArrayList<>(sidecars);
        all.addAll(mains);
        return all;
    }

    private void run() {
        try {
            ip = ctx.addresses().acquire();
            dir = Files.createDirectories(ctx.podsDir().resolve(name));
            network = new PodNetwork(ip, new PodVolumes(ctx.client(), namespace, dir).materialize(pod));
            if (!prepareContainers()) {
                publishStatus();
                waitForDeletion();
            } else {
                System.out.printf("[kube] pod %s scheduled at %s%n", name, ip);
                while (!terminating) {
                    ensureRunning(sidecars);
                    if (sidecars.stream().allMatch(ContainerProcess::running)) {
                        ensureRunning(mains);
                    }
                    probe();
                    publishStatus();
                    sleep(ctx.probePeriod());
                }
            }
            shutDown();
        } catch (Exception e) {
            System.out.printf("[kube] pod %s: kubelet error %s%n", name, e);
            e.printStackTrace(System.out);
            for (ContainerProcess c : all()) {
                c.kill();
            }
        } finally {
            releaseFinalizer();
            finished.complete(null);
        }
    }

    /** Builds the container processes; false when one cannot run here (the pod then waits, as with a bad image). */
    private boolean prepareContainers() {
        boolean runnable = true;
        List<Container> inits = pod.getSpec().getInitContainers() == null ? List.of() : pod.getSpec().getInitContainers();
        for (Container c : inits) {
            if (!"Always".equals(c.getRestartPolicy())) {
                waiting.put(c.getName(), "only native sidecars (restartPolicy Always) are supported as init containers here");
                runnable = false;
                continue;
            }
            runnable &= add(c, true);
        }
        for (Container c : pod.getSpec().getContainers()) {
            runnable &= add(c, false);
        }
        return runnable;
    }

    private boolean add(Container c, boolean sidecar) {
        Optional<Path> jar = ctx.images().jarFor(c.getImage());
        if (jar.isEmpty()) {
            waiting.put(c.getName(), "ErrImagePull: no local build of image \"" + c.getImage() + "\"");
            return false;
        }
        ContainerProcess p = new ContainerProcess(c, sidecar, jar.get(), ctx.jvmOptions(), dir);
        (sidecar ? sidecars : mains).add(p);
        return true;
    }

    private void ensureRunning(List<ContainerProcess> containers) throws IOException {
        for (ContainerProcess c : containers) {
            if (c.running()) {
                continue;
            }
            if (c.process() != null) {
                long now = System.nanoTime();
                Long died = diedAt.putIfAbsent(c, now);
                if (died == null) {
                    c.ready(false);
                    System.out.printf("[kube] pod %s: container %s exited with %d; restarting%n", name, c.name(),
                            c.process().exitValue());
                    continue;
                }
                if (now - died < RESTART_BACKOFF.toNanos()) {
                    continue;
                }
                diedAt.remove(c);
                c.restarted();
            }
            try {
                c.launch(network.environment(new ContainerEnvironment(ctx.client(), namespace, pod, ip).resolve(c.spec()),
                        ctx.kubeconfig().toString()), network);
                waiting.remove(c.name());
            } catch (ContainerEnvironment.MissingReference e) {
                waiting.put(c.name(), "CreateContainerConfigError: " + e.getMessage());
            }
        }
    }

    private void probe() {
        for (ContainerProcess c : all()) {
            if (!c.running()) {
                c.ready(false);
                continue;
            }
            Probe probe = c.spec().getReadinessProbe();
            if (probe == null || probe.getHttpGet() == null) {
                c.ready(true);
                continue;
            }
            if (httpOk(c.spec(), probe)) {
                c.passProbe();
                c.ready(true);
            } else if (!c.ready() || c.failProbe() >= threshold(probe)) {
                c.ready(false);
            }
        }
    }

    private static int threshold(Probe p) {
        return p.getFailureThreshold() == null ? 3 : p.getFailureThreshold();
    }

    private boolean httpOk(Container c, Probe probe) {
        Integer port = port(c, probe.getHttpGet().getPort());
        if (port == null) {
            return false;
        }
        String path = probe.getHttpGet().getPath() == null ? "/" : probe.getHttpGet().getPath();
        try {
            HttpResponse<Void> r = http.send(HttpRequest.newBuilder(URI.create("http://" + ip + ":" + port + path))
                    .timeout(Duration.ofSeconds(1)).build(), HttpResponse.BodyHandlers.discarding());
            return r.statusCode() >= 200 && r.statusCode() < 400;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** A probe's port: a number, or the name of one of the container's ports. */
    static Integer port(Container c, IntOrString port) {
        if (port == null) {
            return null;
        }
        if (port.getIntVal() != null) {
            return port.getIntVal();
        }
        if (c.getPorts() != null) {
            for (ContainerPort p : c.getPorts()) {
                if (port.getStrVal().equals(p.getName())) {
                    return p.getContainerPort();
                }
            }
        }
        return null;
    }

    public boolean ready() {
        List<ContainerProcess> all = all();
        return !terminating && !all.isEmpty() && all.stream().allMatch(ContainerProcess::ready);
    }

    private void publishStatus() {
        if (apiObjectGone) {
            return;
        }
        boolean ready = ready();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        List<PodCondition> conditions = List.of(
                condition("PodScheduled", true, now),
                condition("Initialized", sidecars.stream().allMatch(ContainerProcess::running), now),
                condition("ContainersReady", ready, now),
                condition("Ready", ready, now));
        PodStatus status = new PodStatusBuilder()
                .withPhase(mains.stream().anyMatch(ContainerProcess::running) ? "Running" : "Pending")
                .withHostIP("127.0.0.1")
                .withPodIP(ip)
                .withPodIPs(new PodIPBuilder().withIp(ip).build())
                .withStartTime(startTime)
                .withConditions(conditions)
                .withInitContainerStatuses(statuses(sidecars, pod.getSpec().getInitContainers()))
                .withContainerStatuses(statuses(mains, pod.getSpec().getContainers()))
                .build();
        // A JSON patch replacing the whole status: the mock's merge patch appends to lists (conditions)
        // instead of replacing them.
        String json = "[{\"op\":\"add\",\"path\":\"/status\",\"value\":" + Serialization.asJson(status) + "}]";
        // Transition times would make every status differ; compare without them.
        String comparable = json.replaceAll("\"lastTransitionTime\":\"[^\"]*\"", "");
        if (comparable.equals(lastStatus)) {
            return;
        }
        try {
            ctx.client().pods().inNamespace(namespace).withName(name).subresource("status")
                    .patch(PatchContext.of(PatchType.JSON), json);
            lastStatus = comparable;
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404) {
                apiObjectGone = true;
                terminating = true;
            }
        }
    }

    private static PodCondition condition(String type, boolean status, String now) {
        return new PodConditionBuilder().withType(type).withStatus(status ? "True" : "False").withLastTransitionTime(now).build();
    }

    private List<ContainerStatus> statuses(List<ContainerProcess> running, List<Container> specs) {
        List<ContainerStatus> out = new ArrayList<>();
        if (specs == null) {
            return out;
        }
        for (Container spec : specs) {
            ContainerProcess c = running.stream().filter(r -> r.name().equals(spec.getName())).findFirst().orElse(null);
            ContainerStatusBuilder b = new ContainerStatusBuilder().withName(spec.getName()).withImage(spec.getImage())
                    .withRestartCount(c == null ? 0 : c.restarts())
                    .withReady(c != null && c.ready())
                    .withStarted(c != null && c.running());
            if (c != null && c.running()) {
                b.withNewState().withNewRunning().withStartedAt(startTime).endRunning().endState();
            } else {
                String reason = waiting.getOrDefault(spec.getName(), c != null && c.process() != null ? "CrashLoopBackOff" : "ContainerCreating");
                b.withNewState().withNewWaiting().withReason(reason.split(":")[0]).withMessage(reason).endWaiting().endState();
            }
            out.add(b.build());
        }
        return out;
    }

    private void waitForDeletion() {
        while (!terminating) {
            sleep(ctx.probePeriod());
        }
    }

    private void shutDown() throws InterruptedException {
        if (!apiObjectGone) {
            publishStatus();
        }
        long grace = pod.getSpec().getTerminationGracePeriodSeconds() == null ? 30 : pod.getSpec().getTerminationGracePeriodSeconds();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(apiObjectGone ? 0 : grace);
        long started = System.nanoTime();
        System.out.printf("[kube] pod %s terminating (grace %d s)%n", name, grace);
        List<Thread> stopping = new ArrayList<>();
        for (ContainerProcess c : mains) {
            Thread t = new Thread(() -> stopMain(c, deadline), "stop-" + name + "-" + c.name());
            t.start();
            stopping.add(t);
        }
        for (Thread t : stopping) {
            t.join();
        }
        // Sidecars stop after the containers, in reverse order, as kubelet does with native sidecars.
        for (int i = sidecars.size() - 1; i >= 0; i--) {
            sidecars.get(i).stop(Math.max(deadline, System.nanoTime() + TimeUnit.SECONDS.toNanos(2)));
        }
        System.out.printf("[kube] pod %s stopped after %d ms%n", name, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    }

    private void stopMain(ContainerProcess c, long deadline) {
        try {
            // A pod whose API object is gone is force-stopped: no hooks, as kubelet does on a forced deletion.
            if (!apiObjectGone && c.running() && c.spec().getLifecycle() != null && c.spec().getLifecycle().getPreStop() != null
                    && c.spec().getLifecycle().getPreStop().getExec() != null) {
                new PreStopHook(name, c, network, ctx.images(), dir).run(c.spec().getLifecycle().getPreStop().getExec().getCommand(),
                        envFor(c), deadline);
            }
            c.stop(deadline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            c.kill();
        } catch (Exception e) {
            System.out.printf("[kube] pod %s: stopping %s failed: %s%n", name, c.name(), e);
            c.kill();
        }
    }

    private Map<String, String> envFor(ContainerProcess c) {
        try {
            return network.environment(new ContainerEnvironment(ctx.client(), namespace, pod, ip).resolve(c.spec()),
                    ctx.kubeconfig().toString());
        } catch (ContainerEnvironment.MissingReference e) {
            return network.environment(Map.of(), ctx.kubeconfig().toString());
        }
    }

    private void releaseFinalizer() {
        if (apiObjectGone) {
            return;
        }
        try {
            ctx.client().pods().inNamespace(namespace).withName(name)
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"metadata\":{\"finalizers\":null}}");
        } catch (KubernetesClientException e) {
            if (e.getCode() != 404) {
                System.out.printf("[kube] pod %s: cannot remove the kubelet finalizer: %s%n", name, e.getMessage());
            }
        }
    }

    private static void sleep(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
