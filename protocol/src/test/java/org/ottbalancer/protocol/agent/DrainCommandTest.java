package org.ottbalancer.protocol.agent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The drain client that the agent's {@code drain} and the sample monolith's {@code drain-agent} run. */
class DrainCommandTest {
    private HttpServer agent;
    private final AtomicReference<String> requestLine = new AtomicReference<>();
    private final AtomicReference<String> authorization = new AtomicReference<>();
    private volatile int status = 202;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void startFakeAgent() throws IOException {
        agent = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        agent.createContext("/", exchange -> {
            requestLine.set(exchange.getRequestMethod() + " " + exchange.getRequestURI());
            authorization.set(exchange.getRequestHeaders().getFirst("Authorization"));
            byte[] body = "{\"state\":\"draining\"}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(status, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
        });
        agent.start();
    }

    @AfterEach
    void stopFakeAgent() {
        agent.stop(0);
    }

    private String url() {
        return "http://127.0.0.1:" + agent.getAddress().getPort();
    }

    private int run(List<String> args, Map<String, String> env) {
        return DrainCommand.run(args, env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void anAcceptedDrainIsAPostToTheDrainPathAndExitsZero() {
        assertEquals(0, run(List.of("--url", url()), Map.of()));
        assertEquals("POST /drain", requestLine.get());
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("draining"), out::toString);
    }

    @Test
    void waitAsksForTheBlockingForm() {
        assertEquals(0, run(List.of("--url=" + url() + "/", "--wait"), Map.of()));
        assertEquals("POST /drain?wait=true", requestLine.get());
    }

    @Test
    void withoutATokenNoAuthorizationIsSent() {
        run(List.of("--url", url()), Map.of());
        assertNull(authorization.get());
    }

    @Test
    void theTokenFileIsSentAsABearerTokenWithoutItsNewline(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("token"), "s3cret\n");
        run(List.of("--url", url(), "--token-file", file.toString()), Map.of());
        assertEquals("Bearer s3cret", authorization.get());
    }

    @Test
    void theTokenCanComeFromTheEnvironment() {
        run(List.of("--url", url()), Map.of("AGENT_DRAIN_TOKEN", "from-env"));
        assertEquals("Bearer from-env", authorization.get());
    }

    @Test
    void aRefusedOrFailedDrainExitsOne() {
        status = 409;
        assertEquals(1, run(List.of("--url", url()), Map.of()));
    }

    @Test
    void anAgentThatCannotBeReachedExitsTwoSayingWhere() throws IOException {
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        assertEquals(2, run(List.of("--url", "http://127.0.0.1:" + closedPort), Map.of()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("cannot reach the agent"), err::toString);
    }

    @Test
    void anUnknownArgumentIsAUsageErrorThatNamesIt() {
        assertEquals(2, run(List.of("--url", url(), "--bogus"), Map.of()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--bogus"), err::toString);
        assertNull(requestLine.get());
    }

    @Test
    void anUnreadableTokenFileIsAUsageError(@TempDir Path dir) {
        assertEquals(2, run(List.of("--url", url(), "--token-file", dir.resolve("missing").toString()), Map.of()));
        assertNull(requestLine.get());
    }
}
