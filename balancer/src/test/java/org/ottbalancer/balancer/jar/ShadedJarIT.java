package org.ottbalancer.balancer.jar;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ottbalancer.balancer.harness.BalancerFixture;
import org.ottbalancer.balancer.harness.HarnessController;
import org.ottbalancer.balancer.harness.Http;
import org.ottbalancer.balancer.harness.MockClient;
import org.ottbalancer.balancer.harness.MockMonolith;
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.RawJson;
import org.ottbalancer.protocol.RoomName;

/**
 * The black-box contract with upstream's scenario suite: the shaded jar, started exactly as that
 * suite starts it ({@code java -jar ott-balancer.jar} with only {@code BALANCER_PORT} and
 * {@code BALANCER_DISCOVERY} set), serves clients through monoliths named by a harness controller.
 * Run by failsafe after the shade plugin has built the jar.
 */
class ShadedJarIT {
    private static final Path JAR = Path.of("target", "ott-balancer.jar").toAbsolutePath();
    private static final Duration STARTUP = Duration.ofSeconds(30);
    private static final Duration EXIT = Duration.ofSeconds(30);
    private static final Duration STOP = Duration.ofSeconds(5);
    private static final Duration WAIT = Duration.ofSeconds(10);

    @TempDir
    Path workDir;

    private final List<Process> processes = new ArrayList<>();
    private final List<AutoCloseable> peers = new ArrayList<>();
    private int logs;

    /** A started child process and the file its output goes to. */
    private record Launched(Process process, Path log) {
        String output() {
            try {
                return Files.readString(log, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "(cannot read " + log + ": " + e + ")";
            }
        }
    }

    @AfterEach
    void killEverythingStarted() throws Exception {
        for (AutoCloseable peer : peers) {
            peer.close();
        }
        for (Process p : processes) {
            p.descendants().forEach(ProcessHandle::destroyForcibly);
            p.destroyForcibly();
            p.waitFor(EXIT.toSeconds(), TimeUnit.SECONDS);
        }
    }

    private <T extends AutoCloseable> T track(T peer) {
        peers.add(peer);
        return peer;
    }

    /** Runs the jar with exactly {@code env} (plus PATH) in an empty working directory. */
    private Launched launch(Map<String, String> env, String... args) throws IOException {
        assertTrue(Files.isRegularFile(JAR), JAR + " must be built by the shade plugin before integration tests run");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--enable-native-access=ALL-UNNAMED");
        command.add("-jar");
        command.add(JAR.toString());
        command.addAll(List.of(args));
        Path log = workDir.resolve("balancer-" + (++logs) + ".log");
        ProcessBuilder builder = new ProcessBuilder(command)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(log.toFile());
        builder.environment().clear();
        String path = System.getenv("PATH");
        if (path != null) {
            builder.environment().put("PATH", path);
        }
        builder.environment().putAll(env);
        Process process = builder.start();
        processes.add(process);
        return new Launched(process, log);
    }

    private static Map<String, String> upstreamEnvironment(int port, int harnessPort) {
        return Map.of(
                "BALANCER_PORT", Integer.toString(port),
                "BALANCER_DISCOVERY", "{method=\"harness\", port=" + harnessPort + "}");
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket()) {
            s.bind(new InetSocketAddress(0));
            return s.getLocalPort();
        }
    }

    private static int exitCode(Launched launched) throws InterruptedException {
        if (!launched.process().waitFor(EXIT.toSeconds(), TimeUnit.SECONDS)) {
            throw new AssertionError("process did not exit within " + EXIT + "; output:\n" + launched.output());
        }
        return launched.process().exitValue();
    }

    /** Waits until {@code /api/status} answers 200 {@code OK}; fails early if the process dies. */
    private static void awaitStatusOk(Launched launched, int port) throws InterruptedException {
        Http http = new Http(port);
        long deadline = System.nanoTime() + STARTUP.toNanos();
        while (System.nanoTime() < deadline) {
            if (!launched.process().isAlive()) {
                throw new AssertionError("balancer exited with " + launched.process().exitValue() + "; output:\n" + launched.output());
            }
            try {
                HttpResponse<String> r = http.get("/api/status");
                if (r.statusCode() == 200 && r.body().equals("OK")) {
                    return;
                }
            } catch (AssertionError notListeningYet) {
                // retry until the deadline
            }
            Thread.sleep(100);
        }
        throw new AssertionError("/api/status did not answer 200 OK within " + STARTUP + "; output:\n" + launched.output());
    }

    private Launched startBalancer(int port, int harnessPort) throws Exception {
        Launched balancer = launch(upstreamEnvironment(port, harnessPort));
        awaitStatusOk(balancer, port);
        return balancer;
    }

    @Test
    void jarRelaysBetweenAClientAndAMonolithNamedByTheHarnessController() throws Exception {
        int port = freePort();
        int harnessPort = BalancerFixture.freeIpv6LoopbackPort();
        Launched balancer = startBalancer(port, harnessPort);
        MockMonolith monolith = track(MockMonolith.start());
        HarnessController controller = track(HarnessController.connect(harnessPort, WAIT));

        controller.setMonoliths(monolith);
        monolith.awaitLink(WAIT);
        MockClient client = track(connectWhenRoutable(port, "smoke-room", balancer));
        client.auth("smoke-token");
        B2M.Join join = monolith.awaitMessage(B2M.Join.class, j -> j.token().equals("smoke-token"), WAIT);
        assertEquals(RoomName.of("smoke-room"), join.room());
        monolith.send(M2B.RoomMsg.broadcast(RoomName.of("smoke-room"), RawJson.of("{\"action\":\"smoke\"}")));

        assertEquals("{\"action\":\"smoke\"}", client.awaitText(WAIT));
    }

    /** The link is up before the balancer has registered the monolith; upgrades get 503 until then. */
    private static MockClient connectWhenRoutable(int port, String room, Launched balancer) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (true) {
            try {
                return MockClient.connect(port, room);
            } catch (RuntimeException | AssertionError notYet) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("client upgrade kept failing; balancer output:\n" + balancer.output(), notYet);
                }
                Thread.sleep(50);
            }
        }
    }

    @Test
    void balancerExitsWithinAFewSecondsWhenStopped() throws Exception {
        Launched balancer = startBalancer(freePort(), BalancerFixture.freeIpv6LoopbackPort());

        balancer.process().destroy();

        assertTrue(balancer.process().waitFor(STOP.toSeconds(), TimeUnit.SECONDS),
                "balancer still running " + STOP + " after SIGTERM; output:\n" + balancer.output());
    }

    @Test
    void validateWithTheUpstreamEnvironmentSaysTheConfigurationIsValid() throws Exception {
        Launched validate = launch(upstreamEnvironment(freePort(), BalancerFixture.freeIpv6LoopbackPort()), "-v");

        assertEquals(0, exitCode(validate), validate.output());
        assertTrue(validate.output().contains("Configuration is valid"), validate.output());
    }

    @Test
    void validateWithAPortThatIsNotANumberSaysInvalidAndExits1() throws Exception {
        Launched validate = launch(Map.of(
                "BALANCER_PORT", "abc",
                "BALANCER_DISCOVERY", "{method=\"harness\", port=" + BalancerFixture.freeIpv6LoopbackPort() + "}"), "-v");

        assertEquals(1, exitCode(validate), validate.output());
        assertTrue(validate.output().contains("Configuration is invalid"), validate.output());
    }

    @Test
    void helpPrintsUsageAndExits0() throws Exception {
        Launched help = launch(Map.of(), "--help");

        assertEquals(0, exitCode(help), help.output());
        assertTrue(help.output().contains("Usage:"), help.output());
    }
}
