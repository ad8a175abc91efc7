package org.ottbalancer.balancer.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.netty.channel.EventLoopGroup;
import io.netty.util.NetUtil;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ottbalancer.protocol.registry.MonolithEntry;

class HarnessDiscovererTest {
    private static final Duration QUIET = Duration.ofMillis(300);

    private static EventLoopGroup group;
    private static HttpClient http;

    private HarnessDiscoverer discoverer;
    private RecordingListener listener;

    @BeforeAll
    static void startGroup() {
        group = EventLoops.newGroup();
        http = HttpClient.newHttpClient();
    }

    @AfterAll
    static void stopGroup() {
        EventLoops.shutdown(group);
    }

    @BeforeEach
    void startDiscoverer() throws Exception {
        discoverer = new HarnessDiscoverer(0, Duration.ofMillis(100), group);
        listener = new RecordingListener();
        discoverer.start(listener);
        awaitListening();
    }

    @AfterEach
    void closeDiscoverer() {
        discoverer.close();
    }

    @Test
    void listensOnIpv6LoopbackOnly() {
        InetSocketAddress local = discoverer.localAddress();

        assertEquals(NetUtil.LOCALHOST6, local.getAddress());
    }

    @Test
    void harnessFrameReportsTheListedMonoliths() throws Exception {
        Controller controller = connect("/anything");

        controller.send("[\"[::1]:40123\",\"127.0.0.1:3002\"]");

        assertEquals(List.of(MonolithEntry.active("::1", 40123), MonolithEntry.active("127.0.0.1", 3002)),
                listener.nextMonoliths());
    }

    @Test
    void harnessFrameReplacesTheWholeMonolithList() throws Exception {
        Controller controller = connect("/");
        controller.send("[\"127.0.0.1:3002\",\"127.0.0.1:3003\"]");
        listener.nextMonoliths();

        controller.send("[\"127.0.0.1:3004\"]");

        assertEquals(List.of(MonolithEntry.active("127.0.0.1", 3004)), listener.nextMonoliths());
    }

    @Test
    void emptyArrayMeansNoMonoliths() throws Exception {
        Controller controller = connect("/");
        controller.send("[\"127.0.0.1:3002\"]");
        listener.nextMonoliths();

        controller.send("[]");

        assertEquals(List.of(), listener.nextMonoliths());
    }

    @Test
    void unparseableFramesAreIgnoredAndTheConnectionStays() throws Exception {
        Controller controller = connect("/some/path?x=1");

        controller.send("not json");
        controller.send("{\"monoliths\":[]}");
        controller.send("[\"127.0.0.1\"]");
        controller.send("[\"127.0.0.1:3002\", 7]");
        controller.send("[\"127.0.0.1:3002\"]");

        assertEquals(List.of(MonolithEntry.active("127.0.0.1", 3002)), listener.nextMonoliths());
        listener.assertNothingWithin(QUIET);
    }

    @Test
    void controllerDisconnectKeepsTheLastListUntilTheNextControllerSendsOne() throws Exception {
        Controller first = connect("/");
        first.send("[\"127.0.0.1:3002\"]");
        listener.nextMonoliths();

        first.closeNormally();
        listener.assertNothingWithin(QUIET);

        Controller second = connect("/");
        second.send("[\"127.0.0.1:3003\"]");
        assertEquals(List.of(MonolithEntry.active("127.0.0.1", 3003)), listener.nextMonoliths());
    }

    @Test
    void secondControllerReplacesTheFirstWhichIsToldWhy() throws Exception {
        Controller first = connect("/");
        first.send("[\"127.0.0.1:3002\"]");
        listener.nextMonoliths();

        Controller second = connect("/");

        assertEquals(1000, first.closeStatus());
        assertEquals(HarnessDiscoverer.REPLACED_REASON, first.closeReason());
        second.send("[\"127.0.0.1:3003\"]");
        assertEquals(List.of(MonolithEntry.active("127.0.0.1", 3003)), listener.nextMonoliths());
    }

    @Test
    void listenerIsBoundAgainWhenItDiesUnexpectedly() throws Exception {
        int port = discoverer.localAddress().getPort();

        discoverer.listeningChannel().close().syncUninterruptibly();

        Controller controller = connectWithRetries("/", port);
        controller.send("[\"127.0.0.1:3002\"]");
        // A bind attempt racing the old socket's release may be reported as an error first.
        listener.awaitMonoliths(List.of(MonolithEntry.active("127.0.0.1", 3002)));
    }

    @Test
    void plainHttpRequestDoesNotDisturbTheListener() throws Exception {
        try (Socket socket = new Socket()) {
            socket.connect(discoverer.localAddress(), 5_000);
            socket.setSoTimeout(5_000);
            socket.getOutputStream().write("GET /x HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.US_ASCII))
                    .readLine();
            assertTrue(status == null || status.startsWith("HTTP/1.1 4"), status);
        }

        Controller controller = connect("/");
        controller.send("[\"127.0.0.1:3002\"]");
        assertEquals(List.of(MonolithEntry.active("127.0.0.1", 3002)), listener.nextMonoliths());
    }

    @Test
    void closedDiscovererStopsListening() throws Exception {
        int port = discoverer.localAddress().getPort();

        discoverer.close();

        ExecutionException refused = null;
        try {
            open("/", port);
        } catch (ExecutionException e) {
            refused = e;
        }
        assertNotNull(refused, "a closed harness discoverer still accepted a controller");
    }

    private void awaitListening() throws InterruptedException {
        long deadline = System.nanoTime() + RecordingListener.WAIT.toNanos();
        while (discoverer.localAddress() == null) {
            if (System.nanoTime() > deadline) {
                fail("harness discoverer did not start listening");
            }
            Thread.sleep(10);
        }
    }

    private Controller connect(String path) throws Exception {
        return open(path, discoverer.localAddress().getPort());
    }

    private Controller connectWithRetries(String path, int port) throws Exception {
        long deadline = System.nanoTime() + RecordingListener.WAIT.toNanos();
        while (true) {
            try {
                return open(path, port);
            } catch (ExecutionException e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
                Thread.sleep(20);
            }
        }
    }

    private static Controller open(String path, int port) throws Exception {
        Controller controller = new Controller();
        controller.socket = http.newWebSocketBuilder()
                .buildAsync(URI.create("ws://[::1]:" + port + path), controller)
                .get(RecordingListener.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        return controller;
    }

    /** A test controller: the JDK WebSocket client, remembering how the balancer closed it. */
    private static final class Controller implements WebSocket.Listener {
        private final CompletableFuture<int[]> closeStatus = new CompletableFuture<>();
        private final CompletableFuture<String> closeReason = new CompletableFuture<>();
        private WebSocket socket;

        void send(String text) throws Exception {
            socket.sendText(text, true).get(RecordingListener.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }

        void closeNormally() throws Exception {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "done").get(RecordingListener.WAIT.toMillis(), TimeUnit.MILLISECONDS);
            closeStatus();
        }

        int closeStatus() throws Exception {
            return closeStatus.get(RecordingListener.WAIT.toMillis(), TimeUnit.MILLISECONDS)[0];
        }

        String closeReason() throws Exception {
            return closeReason.get(RecordingListener.WAIT.toMillis(), TimeUnit.MILLISECONDS);
        }

        @Override
        public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
            closeStatus.complete(new int[] {statusCode});
            closeReason.complete(reason);
            return null;
        }

        @Override
        public void onError(WebSocket webSocket, Throwable error) {
            closeStatus.completeExceptionally(error);
            closeReason.completeExceptionally(error);
        }
    }
}
