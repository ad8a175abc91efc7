package org.ottbalancer.bench.target;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.ottbalancer.bench.proc.ManagedProcess;

/**
 * One target, started fresh for one scenario: the monolith host and, unless the target is direct,
 * the proxy in front of it (nginx or the balancer). Scenarios ask it for the address of a room and
 * close it when done, which stops every process it started.
 */
public final class RunningTarget implements AutoCloseable {
    /** The balancer's API key, needed for its state endpoint. */
    public static final String BALANCER_API_KEY = "bench-api-key";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final TargetKind kind;
    private final ManagedProcess host;
    /** null for the direct target. */
    private final ManagedProcess proxy;
    private final List<MonolithPorts> monoliths;
    /** 0 for the direct target. */
    private final int proxyPort;

    private RunningTarget(TargetKind kind, ManagedProcess host, ManagedProcess proxy, List<MonolithPorts> monoliths,
                          int proxyPort) {
        this.kind = kind;
        this.host = host;
        this.proxy = proxy;
        this.monoliths = monoliths;
        this.proxyPort = proxyPort;
    }

    /**
     * Starts the monolith host, waits for its ports, then starts the proxy and waits until it
     * forwards to every monolith. Logs and generated configuration go to {@code dir}. If the proxy
     * does not come up, the monolith host is stopped before the error is passed on.
     */
    public static RunningTarget start(TargetKind kind, HostOptions options, Tools tools, Path dir)
            throws IOException, InterruptedException {
        Files.createDirectories(dir);
        List<String> hostCmd = new ArrayList<>(List.of(tools.java().toString(), "-Xmx2g", "-XX:+UseG1GC",
                "--enable-native-access=ALL-UNNAMED", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", tools.classPath(), MonolithHost.class.getName()));
        hostCmd.addAll(options.hostArgs());
        ManagedProcess.Started started = ManagedProcess.startAndRead("monoliths", hostCmd, dir.resolve("monoliths.log"),
                MonolithHost.READY_PREFIX, 60_000);
        ManagedProcess host = started.process();
        try {
            List<MonolithPorts> ports = new ArrayList<>();
            for (JsonNode m : JSON.readTree(started.readyLine()).path("monoliths")) {
                ports.add(new MonolithPorts(m.path("http").asInt(), m.path("balancing").asInt(),
                        m.path("agentLink").asInt(0), m.path("agentHttp").asInt(0)));
            }
            if (kind == TargetKind.DIRECT) {
                return new RunningTarget(kind, host, null, ports, 0);
            }
            int port = freePort();
            ManagedProcess proxy = kind == TargetKind.NGINX
                    ? startNginx(tools, dir, port, ports)
                    : startBalancer(tools, options, dir, port, ports);
            return new RunningTarget(kind, host, proxy, ports, port);
        } catch (IOException | InterruptedException | RuntimeException e) {
            host.close();
            throw e;
        }
    }

    /**
     * nginx with its own prefix and configuration ({@link NginxConfig}), in the foreground so that
     * it is a child we can measure and stop. Ready when a request reaches a monolith through it.
     */
    private static ManagedProcess startNginx(Tools tools, Path dir, int port, List<MonolithPorts> ports)
            throws IOException, InterruptedException {
        if (tools.nginx() == null) {
            throw new IOException("nginx is not installed (apt-get install nginx)");
        }
        Path prefix = dir.resolve("nginx");
        Files.createDirectories(prefix.resolve("tmp"));
        Path conf = prefix.resolve("nginx.conf");
        Files.writeString(conf, NginxConfig.render(prefix, port, Runtime.getRuntime().availableProcessors(),
                tools.maxOpenFiles(), ports.stream().map(MonolithPorts::http).toList()));
        // "user root root": when run as root, workers would otherwise switch to nobody and could
        // not write to the run directory.
        ManagedProcess p = ManagedProcess.start("nginx", List.of(tools.nginx().toString(), "-p", prefix + "/",
                "-c", conf.toString(), "-g", "daemon off; user root root;"), dir.resolve("nginx.log"));
        try {
            Http.await(URI.create("http://127.0.0.1:" + port + "/api/status"), null, r -> r.status() == 200,
                    Duration.ofSeconds(20));
        } catch (IOException e) {
            p.close();
            throw new IOException("nginx did not start: " + e.getMessage() + "; see " + prefix.resolve("error.log"), e);
        }
        return p;
    }

    /**
     * The balancer's jar with a generated {@code balancer.toml}: manual discovery of the monoliths
     * (through their agents when there are agents), everything else at its defaults. Ready only when
     * its metrics show a link to every monolith; before that it would turn clients away.
     */
    private static ManagedProcess startBalancer(Tools tools, HostOptions options, Path dir, int port,
                                                List<MonolithPorts> ports) throws IOException, InterruptedException {
        if (!Files.isRegularFile(tools.balancerJar())) {
            throw new IOException("no balancer jar at " + tools.balancerJar() + " (mvn -pl balancer -am package)");
        }
        StringBuilder toml = new StringBuilder();
        toml.append("port = ").append(port).append('\n');
        toml.append("api_key = \"").append(BALANCER_API_KEY).append("\"\n\n");
        toml.append("[discovery]\nmethod = \"manual\"\nmonoliths = [\n");
        for (MonolithPorts m : ports) {
            toml.append("  { host = \"127.0.0.1\", port = ").append(m.linkPort()).append(" },\n");
        }
        toml.append("]\n");
        Path conf = dir.resolve("balancer.toml");
        Files.writeString(conf, toml);
        List<String> cmd = new ArrayList<>(List.of(tools.java().toString(), "-Xmx1g", "--enable-native-access=ALL-UNNAMED"));
        cmd.addAll(options.balancerJvmArgs());
        cmd.addAll(List.of("-jar", tools.balancerJar().toString(), "-c", conf.toString(), "-l", "warn"));
        ManagedProcess p = ManagedProcess.start("balancer", cmd, dir.resolve("balancer.log"));
        try {
            String want = "balancer_connected_monoliths " + ports.size();
            Http.await(URI.create("http://127.0.0.1:" + port + "/api/status/metrics"), null,
                    r -> r.status() == 200 && r.body().lines().anyMatch(l -> l.startsWith(want)), Duration.ofSeconds(30));
        } catch (IOException e) {
            p.close();
            throw new IOException("balancer did not link its monoliths: " + e.getMessage() + "; see "
                    + dir.resolve("balancer.log"), e);
        }
        return p;
    }

    public TargetKind kind() {
        return kind;
    }

    public List<MonolithPorts> monoliths() {
        return monoliths;
    }

    /** The monolith host process. */
    public ManagedProcess host() {
        return host;
    }

    /** The proxy process, or null for the direct target. */
    public ManagedProcess proxy() {
        return proxy;
    }

    /**
     * The WebSocket address of {@code room}. {@code roomIndex} only matters for the direct target,
     * which has no router: rooms are spread over the monoliths by index, as a proxy would spread them.
     */
    public URI webSocket(String room, int roomIndex) {
        return URI.create("ws://127.0.0.1:" + portFor(roomIndex) + "/api/room/" + room);
    }

    /** The HTTP address of {@code path}; {@code roomIndex} picks the monolith as in {@link #webSocket}. */
    public URI http(String path, int roomIndex) {
        return URI.create("http://127.0.0.1:" + portFor(roomIndex) + path);
    }

    /**
     * A fresh session token, as a browser gets one before it joins. The store is shared, so one
     * token is good on every monolith.
     */
    public String grantToken() throws IOException, InterruptedException {
        Http.Reply r = Http.get(http("/api/auth/grant", 0), null);
        if (r.status() != 200) {
            throw new IOException("GET /api/auth/grant answered " + r.status() + ": " + r.body());
        }
        return JSON.readTree(r.body()).path("token").asText();
    }

    private int portFor(int roomIndex) {
        return kind == TargetKind.DIRECT ? monoliths.get(Math.floorMod(roomIndex, monoliths.size())).http() : proxyPort;
    }

    /** Where the proxy listens; 0 for the direct target. */
    public int proxyPort() {
        return proxyPort;
    }

    /** A port that was free a moment ago: nginx and the balancer need a fixed port in their configuration. */
    private static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the proxy first, so that it does not report the monoliths' disappearance as errors. */
    @Override
    public void close() {
        if (proxy != null) {
            proxy.close();
        }
        host.close();
    }
}
