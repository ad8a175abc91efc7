package org.ottbalancer.e2e.local;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.nio.NioIoHandler;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.ottbalancer.e2e.cluster.MonolithNode;
import org.ottbalancer.e2e.support.Await;
import org.ottbalancer.e2e.support.ChatUser;
import org.ottbalancer.e2e.support.FreePorts;

/**
 * The local cluster does what it prints: the demo room works through the balancer, and the
 * printed drain command moves the room away from its monolith while a visitor stays connected.
 * It binds the local cluster's fixed monolith and agent ports (3101.., 9101..), so those must be free.
 */
class LocalClusterIT {
    @TempDir
    Path workDir;

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void thePrintedDrainCommandMovesTheDemoRoomWhileItsVisitorStaysConnected() throws Exception {
        int port = FreePorts.loopback();
        LocalClusterOptions options = new LocalClusterOptions(port, 2, Optional.empty(), Duration.ofMillis(500), false);
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
        try (LocalCluster cluster = LocalCluster.start(options, workDir)) {
            assertTrue(Files.isRegularFile(workDir.resolve(".ott-local/registry.json")), "registry file written");
            ByteArrayOutputStream printed = new ByteArrayOutputStream();
            cluster.printInstructions(new PrintStream(printed, true, StandardCharsets.UTF_8));
            String text = printed.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("http://localhost:" + port + "/room/demo"), text);
            MonolithNode holder = cluster.holderOf(LocalCluster.DEMO_ROOM).orElseThrow();
            Matcher drain = Pattern.compile("curl -X POST -H 'Authorization: Bearer ([^']+)' (http://127\\.0\\.0\\.1:(\\d+)/drain)").matcher(text);
            assertTrue(drain.find(), text);
            assertEquals(holder.agent().httpPort(), Integer.parseInt(drain.group(3)), "the drain command names the holder's agent");

            HttpClient http = HttpClient.newHttpClient();
            String token = new com.fasterxml.jackson.databind.ObjectMapper().readTree(http.send(
                    HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/auth/grant")).build(),
                    HttpResponse.BodyHandlers.ofString()).body()).path("token").asText();
            ChatUser visitor = new ChatUser(0, 1, LocalCluster.DEMO_ROOM, port);
            visitor.join(group, token).get(10, TimeUnit.SECONDS);

            HttpResponse<String> res = http.send(HttpRequest.newBuilder(URI.create(drain.group(2)))
                    .header("Authorization", "Bearer " + drain.group(1)).POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(202, res.statusCode(), res.body());
            Await.until("the demo room on the other monolith", Duration.ofSeconds(30),
                    () -> cluster.holderOf(LocalCluster.DEMO_ROOM).filter(n -> n != holder).isPresent() && visitor.syncs() >= 2);
            visitor.sendChat();
            Await.until("the visitor's chat echoed from the new monolith", Duration.ofSeconds(10),
                    () -> visitor.receivedFrom(0).contains(1));
            assertNull(visitor.ending(), "the visitor's socket was closed");
            visitor.close();
        } finally {
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
        }
        assertTrue(Files.notExists(workDir.resolve(".ott-local/registry.json")), "registry file removed on close");
    }

    @Test
    void aTakenPortIsNamedBeforeAnythingStarts() throws Exception {
        try (java.net.ServerSocket taken = new java.net.ServerSocket(0)) {
            LocalClusterOptions options = new LocalClusterOptions(taken.getLocalPort(), 1, Optional.empty(), Duration.ofSeconds(5), false);
            PortPlan.PortInUseException e = org.junit.jupiter.api.Assertions.assertThrows(PortPlan.PortInUseException.class,
                    () -> LocalCluster.start(options, workDir));
            assertTrue(e.getMessage().contains("port " + taken.getLocalPort() + " (balancer port"), e.getMessage());
        }
    }
}
