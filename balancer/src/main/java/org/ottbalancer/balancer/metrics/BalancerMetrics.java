package org.ottbalancer.balancer.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.FileDescriptorMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The balancer's Prometheus metrics, under upstream's names so that existing dashboards keep
 * working, plus JVM and process metrics.
 *
 * <p>Upstream's {@code balancer_client_websocket_close_codes} is a counter without the
 * {@code _total} suffix that Micrometer would append; it is exported as a monotonically increasing
 * gauge so the series name stays exactly the same. Histograms use Prometheus' default buckets, as
 * upstream does.
 */
public final class BalancerMetrics {
    private static final Duration[] DEFAULT_BUCKETS = {
        Duration.ofMillis(5), Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
        Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
        Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)
    };

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    private final AtomicLong clients = new AtomicLong();
    private final AtomicLong httpRequests = new AtomicLong();
    private final AtomicLong discoveryCompleted = new AtomicLong();
    private final AtomicLong discoveredMonoliths = new AtomicLong();
    private final AtomicLong connectedMonoliths = new AtomicLong();
    private final AtomicLong readinessHealthy = new AtomicLong();
    private final AtomicLong proxyInFlight = new AtomicLong();
    private final ConcurrentMap<Integer, AtomicLong> closeCodes = new ConcurrentHashMap<>();
    private final ConcurrentMap<String, MonolithMeters> perMonolith = new ConcurrentHashMap<>();
    private final Counter clientSendErrors;
    private final Timer clientSend;
    private final Counter proxyErrorsRoom;
    private final Counter proxyErrorsOther;
    private final AtomicLong frozenRooms = new AtomicLong();
    private final AtomicLong heldClients = new AtomicLong();
    private final Counter roomsMigrated;
    private final Counter clientsMigrated;
    private final Counter migrationBufferOverflows;
    private final Counter migrationTimeouts;
    private final Timer freezeDuration;
    private final Timer migrationDuration;

    /** Meters labelled with one monolith's id. */
    public record MonolithMeters(Timer send, Counter sendErrors, Counter outboundFull, Timer proxyRequest) {
    }

    public BalancerMetrics() {
        gauge("balancer.clients", clients, "client WebSocket sessions alive");
        gauge("balancer.http.requests", httpRequests, "HTTP requests received");
        gauge("balancer.discovery.completed", discoveryCompleted, "1 once at least one discovery cycle was processed");
        gauge("balancer.discovered.monoliths", discoveredMonoliths, "monolith addresses currently discovered");
        gauge("balancer.connected.monoliths", connectedMonoliths, "monoliths in routing state");
        gauge("balancer.readiness.healthy", readinessHealthy, "1 iff discovery completed and every discovered monolith is connected");
        gauge("balancer.proxy.requests.in.flight", proxyInFlight, "proxied HTTP requests in progress");
        clientSendErrors = Counter.builder("balancer.client.send.errors")
                .description("messages that could not be queued for a client").register(registry);
        clientSend = Timer.builder("balancer.client.send").description("time to queue a message for clients")
                .serviceLevelObjectives(DEFAULT_BUCKETS).register(registry);
        proxyErrorsRoom = proxyErrors("room");
        proxyErrorsOther = proxyErrors("other");
        gauge("balancer.migration.frozen.rooms", frozenRooms, "rooms whose client messages are being held for a move");
        gauge("balancer.migration.held.clients", heldClients, "clients held open while their room finds a new home");
        roomsMigrated = Counter.builder("balancer.migration.rooms").description("rooms whose clients were re-joined on a new home")
                .register(registry);
        clientsMigrated = Counter.builder("balancer.migration.clients").description("clients re-joined on a new home without a disconnect")
                .register(registry);
        migrationBufferOverflows = Counter.builder("balancer.migration.buffer.overflows")
                .description("clients closed because their held messages exceeded the buffer").register(registry);
        migrationTimeouts = Counter.builder("balancer.migration.timeouts")
                .description("clients closed because their room found no new home in time").register(registry);
        freezeDuration = Timer.builder("balancer.migration.freeze").description("how long rooms stayed frozen")
                .serviceLevelObjectives(DEFAULT_BUCKETS).register(registry);
        migrationDuration = Timer.builder("balancer.migration.move")
                .description("time from a room leaving its monolith to its clients re-joining elsewhere")
                .serviceLevelObjectives(DEFAULT_BUCKETS).register(registry);

        new JvmMemoryMetrics().bindTo(registry);
        new JvmGcMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        new FileDescriptorMetrics().bindTo(registry);
        bindProcessCollectorNames();
    }

    private Counter proxyErrors(String route) {
        return Counter.builder("balancer.proxy.request.errors").tag("route", route)
                .description("proxied requests that failed").register(registry);
    }

    private void gauge(String name, AtomicLong value, String description) {
        Gauge.builder(name, value, AtomicLong::doubleValue).description(description).register(registry);
    }

    /** The process metrics of the standard Prometheus process collector, which dashboards expect. */
    private void bindProcessCollectorNames() {
        var os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.OperatingSystemMXBean sun) {
            FunctionCounter.builder("process.cpu.seconds", sun, b -> b.getProcessCpuTime() / 1e9)
                    .description("user and system CPU time spent, in seconds").register(registry);
        }
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean unix) {
            Gauge.builder("process.open.fds", unix, u -> (double) u.getOpenFileDescriptorCount())
                    .description("open file descriptors").register(registry);
            Gauge.builder("process.max.fds", unix, u -> (double) u.getMaxFileDescriptorCount())
                    .description("maximum number of open file descriptors").register(registry);
        }
        Path status = Path.of("/proc/self/status");
        if (Files.isReadable(status)) {
            Gauge.builder("process.resident.memory.bytes", status, BalancerMetrics::residentBytes)
                    .description("resident memory size in bytes").register(registry);
        }
    }

    /** VmRSS from /proc/self/status, which the kernel reports in kB whatever the page size. */
    private static double residentBytes(Path status) {
        try {
            for (String line : Files.readAllLines(status)) {
                if (line.startsWith("VmRSS:")) {
                    String[] fields = line.substring(6).trim().split("\\s+");
                    return Long.parseLong(fields[0]) * 1024.0;
                }
            }
        } catch (IOException | RuntimeException e) {
            return Double.NaN;
        }
        return Double.NaN;
    }

    public PrometheusMeterRegistry registry() {
        return registry;
    }

    /** The Prometheus text exposition of every metric. */
    public String scrape() {
        return registry.scrape();
    }

    public void clientOpened() {
        clients.incrementAndGet();
    }

    public void clientClosed() {
        clients.decrementAndGet();
    }

    public long clients() {
        return clients.get();
    }

    public long httpRequestReceived() {
        return httpRequests.incrementAndGet();
    }

    public void discoveryCycle(int discovered) {
        discoveryCompleted.set(1);
        discoveredMonoliths.set(discovered);
        updateReadiness();
    }

    public void connectedMonoliths(int connected) {
        connectedMonoliths.set(connected);
        updateReadiness();
    }

    private void updateReadiness() {
        readinessHealthy.set(discoveryCompleted.get() == 1 && discoveredMonoliths.get() == connectedMonoliths.get() ? 1 : 0);
    }

    public boolean ready() {
        return readinessHealthy.get() == 1;
    }

    public void closeCodeSent(int code) {
        closeCodes.computeIfAbsent(code, c -> {
            AtomicLong n = new AtomicLong();
            Gauge.builder("balancer.client.websocket.close.codes", n, AtomicLong::doubleValue)
                    .tag("code", Integer.toString(c)).description("close frames sent to clients").register(registry);
            return n;
        }).incrementAndGet();
    }

    public void clientSendError() {
        clientSendErrors.increment();
    }

    public Timer clientSendTimer() {
        return clientSend;
    }

    public void proxyStarted() {
        proxyInFlight.incrementAndGet();
    }

    public void proxyFinished() {
        proxyInFlight.decrementAndGet();
    }

    public void proxyError(boolean roomRoute) {
        (roomRoute ? proxyErrorsRoom : proxyErrorsOther).increment();
    }

    /** Meters for one monolith, created on first use. */
    public MonolithMeters monolith(String monolithId) {
        return perMonolith.computeIfAbsent(monolithId, id -> new MonolithMeters(
                Timer.builder("balancer.monolith.send").tag("monolith_id", id)
                        .description("time to queue a message for a monolith")
                        .serviceLevelObjectives(DEFAULT_BUCKETS).register(registry),
                Counter.builder("balancer.monolith.send.errors").tag("monolith_id", id)
                        .description("messages for a monolith that failed or timed out").register(registry),
                Counter.builder("balancer.monolith.outbound.full").tag("monolith_id", id)
                        .description("sends attempted while the monolith link was backed up").register(registry),
                Timer.builder("balancer.proxy.request").tag("monolith_id", id)
                        .description("proxied request latency")
                        .serviceLevelObjectives(DEFAULT_BUCKETS).register(registry)));
    }

    public void roomFrozen() {
        frozenRooms.incrementAndGet();
    }

    public void roomThawed(long frozenNanos) {
        frozenRooms.decrementAndGet();
        freezeDuration.record(frozenNanos, TimeUnit.NANOSECONDS);
    }

    public void clientHeld() {
        heldClients.incrementAndGet();
    }

    public void clientReleased() {
        heldClients.decrementAndGet();
    }

    public void roomMigrated(int clients, long movingNanos) {
        roomsMigrated.increment();
        clientsMigrated.increment(clients);
        migrationDuration.record(movingNanos, TimeUnit.NANOSECONDS);
    }

    public void migrationBufferOverflow() {
        migrationBufferOverflows.increment();
    }

    public void migrationTimedOut(int clients) {
        migrationTimeouts.increment(clients);
    }
}
