package org.ottbalancer.balancer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ottbalancer.balancer.BalancerServer;

/** The {@code bind} key / {@code BALANCER_BIND}: which address the client port listens on. */
class BindAddressTest {
    @TempDir
    Path dir;

    private BalancerConfig load(String toml, Map<String, String> env) throws IOException {
        Path file = dir.resolve("balancer.toml");
        Files.writeString(file, toml, StandardCharsets.UTF_8);
        return ConfigLoader.load(file, env);
    }

    @Test
    void withoutBindTheBalancerListensOnEveryInterface() throws IOException {
        assertEquals(Optional.empty(), load("", Map.of()).bind());
    }

    @Test
    void bindKeyInTheFileSetsTheListenAddress() throws IOException {
        assertEquals(Optional.of("127.0.0.1"), load("bind = \"127.0.0.1\"", Map.of()).bind());
    }

    @Test
    void balancerBindVariableOverridesTheFile() throws IOException {
        assertEquals(Optional.of("127.0.0.7"), load("bind = \"127.0.0.1\"", Map.of("BALANCER_BIND", "127.0.0.7")).bind());
    }

    @Test
    void ipv6LiteralIsAccepted() throws IOException {
        assertEquals(Optional.of("::1"), load("", Map.of("BALANCER_BIND", "::1")).bind());
    }

    @Test
    void emptyBindMeansEveryInterface() throws IOException {
        assertEquals(Optional.empty(), load("bind = \"\"", Map.of()).bind());
    }

    @Test
    void hostNameIsRejectedNamingTheKeyAndTheValue() {
        ConfigException e = assertThrows(ConfigException.class, () -> load("bind = \"balancer.local\"", Map.of()));
        assertTrue(e.getMessage().contains("bind") && e.getMessage().contains("balancer.local"), e.getMessage());
    }

    @Test
    void boundBalancerAcceptsOnItsAddressOnly() throws Exception {
        BalancerServer server = BalancerServer.start(BalancerConfig.defaults().withPort(0).withBind("127.0.0.1"));
        try {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", server.port()), 2000);
                assertTrue(s.isConnected());
            }
            // Any other loopback address reaches a wildcard listener, but not one bound to 127.0.0.1.
            assertThrows(ConnectException.class, () -> {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress("127.0.0.2", server.port()), 2000);
                }
            });
        } finally {
            server.close();
        }
    }
}
