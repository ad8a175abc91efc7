package org.ottbalancer.e2e.kube.service;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import org.ottbalancer.e2e.kube.cli.Kubectl;
import org.ottbalancer.e2e.kube.workload.ChildProcesses;

/**
 * A real cluster's Service port on 127.0.0.1, for a test JVM that cannot reach pod or cluster IPs.
 * {@code kubectl port-forward svc/…} would pin every connection to one pod; instead each Ready endpoint
 * of the Service (its Endpoints object, as kube-proxy uses it) gets its own {@code kubectl port-forward
 * pod/<name> :<target port>}, and a {@link ServicePortSpreader} sends each new connection to the next
 * one, like kube-proxy. Every second the endpoints are read again: forwards start for new Ready pods,
 * stop for pods that left, and restart when kubectl exited.
 *
 * <p>Unlike kube-proxy, a connection to a pod whose container just died is accepted by kubectl and then
 * closed (kube-proxy would get a refusal or time out), until the pod's readiness probe takes it out of
 * the endpoints.
 */
public final class PortForwardedService implements AutoCloseable {
    private static final Pattern FORWARDING = Pattern.compile("Forwarding from 127\\.0\\.0\\.1:(\\d+) ->");

    private final Kubectl kubectl;
    private final String service;
    private final int port;
    private final EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    private final ServicePortSpreader spreader;
    private final Map<String, Forward> forwards = new HashMap<>();
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "port-forward-refresh");
        t.setDaemon(true);
        return t;
    });
    private volatile List<String> readyPods = List.of();

    private record Forward(Process process, CompletableFuture<Integer> localPort) {
    }

    private PortForwardedService(Kubectl kubectl, String service, int port) throws InterruptedException {
        this.kubectl = kubectl;
        this.service = service;
        this.port = port;
        this.spreader = ServicePortSpreader.start(group, service + ":" + port);
    }

    /** Forwards Service {@code service}'s port {@code port}, refreshing its endpoints every second. */
    public static PortForwardedService start(Kubectl kubectl, String service, int port) throws InterruptedException {
        PortForwardedService s = new PortForwardedService(kubectl, service, port);
        s.refresher.scheduleWithFixedDelay(s::refresh, 0, 1, TimeUnit.SECONDS);
        return s;
    }

    public int port() {
        return spreader.port();
    }

    /** How many endpoints connections are spread over now (forwards that are up). */
    public int forwarded() {
        return spreader.endpoints().size();
    }

    /** The Ready pods behind the Service at the last refresh. */
    public List<String> readyPods() {
        return readyPods;
    }

    /** The Ready pods behind the Service and the port they serve it on, read now ({@code []} and 0 when none or unknown). */
    public Endpoints endpoints() throws IOException, InterruptedException {
        String portName = kubectl.jsonpath("service/" + service, "{.spec.ports[?(@.port==" + port + ")].name}");
        String ports = kubectl.jsonpath("endpoints/" + service,
                "{range .subsets[*].ports[*]}{.name}={.port}{\" \"}{end}");
        int target = 0;
        for (String p : ports.split(" ")) {
            int eq = p.indexOf('=');
            if (eq >= 0 && p.substring(0, eq).equals(portName)) {
                target = Integer.parseInt(p.substring(eq + 1));
            }
        }
        String names = kubectl.jsonpath("endpoints/" + service,
                "{range .subsets[*].addresses[*]}{.targetRef.name}{\" \"}{end}");
        List<String> pods = names.isBlank() ? List.of() : Arrays.stream(names.trim().split(" ")).distinct().sorted().toList();
        return new Endpoints(pods, target);
    }

    public record Endpoints(List<String> pods, int targetPort) {
    }

    private synchronized void refresh() {
        try {
            Endpoints now = endpoints();
            readyPods = now.pods();
            for (var it = forwards.entrySet().iterator(); it.hasNext(); ) {
                var e = it.next();
                if (!now.pods().contains(e.getKey()) || !e.getValue().process().isAlive()) {
                    ChildProcesses.kill(e.getValue().process());
                    it.remove();
                }
            }
            if (now.targetPort() > 0) {
                for (String pod : now.pods()) {
                    if (!forwards.containsKey(pod)) {
                        forwards.put(pod, forward(pod, now.targetPort()));
                    }
                }
            }
            List<ServicePortSpreader.Endpoint> ready = new ArrayList<>();
            for (Forward f : forwards.values()) {
                Integer local = f.localPort().getNow(null);
                if (local != null && f.process().isAlive()) {
                    ready.add(new ServicePortSpreader.Endpoint("127.0.0.1", local));
                }
            }
            spreader.endpoints(ready);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (IOException | RuntimeException | AssertionError e) {
            // The next refresh tries again; a failing kubectl must not stop the forwarding.
            System.out.printf("[kube] port-forward refresh of %s: %s%n", service, e);
        }
    }

    private Forward forward(String pod, int targetPort) throws IOException {
        Process p = ChildProcesses.track(new ProcessBuilder(kubectl.commandLine("port-forward", "--address=127.0.0.1",
                "pod/" + pod, ":" + targetPort)).redirectErrorStream(true).start());
        CompletableFuture<Integer> local = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    Matcher m = FORWARDING.matcher(line);
                    if (m.find()) {
                        local.complete(Integer.parseInt(m.group(1)));
                    } else if (line.contains("error") || line.contains("lost connection")) {
                        System.out.printf("[kube] port-forward %s: %s%n", pod, line);
                    }
                }
            } catch (IOException e) {
                // the process ended; the next refresh replaces it
            }
        }, "port-forward-" + pod);
        reader.setDaemon(true);
        reader.start();
        return new Forward(p, local);
    }

    @Override
    public void close() throws InterruptedException {
        refresher.shutdownNow();
        refresher.awaitTermination(5, TimeUnit.SECONDS);
        synchronized (this) {
            for (Forward f : forwards.values()) {
                ChildProcesses.kill(f.process());
            }
            forwards.clear();
        }
        spreader.close();
        group.shutdownGracefully().sync();
    }
}
