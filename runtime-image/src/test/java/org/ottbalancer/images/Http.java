package org.ottbalancer.images;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Loopback HTTP against a process started from an image. */
final class Http {
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private Http() {
    }

    /** A port free on loopback right now, for a process that is told its port in its environment. */
    static int freePort() {
        return freePorts(1)[0];
    }

    /** {@code n} different free ports: all are held open until the last one is chosen. */
    static int[] freePorts(int n) {
        List<ServerSocket> held = new ArrayList<>();
        try {
            int[] ports = new int[n];
            for (int i = 0; i < n; i++) {
                ServerSocket s = new ServerSocket(0);
                held.add(s);
                ports[i] = s.getLocalPort();
            }
            return ports;
        } catch (IOException e) {
            throw new IllegalStateException("no free port", e);
        } finally {
            for (ServerSocket s : held) {
                try {
                    s.close();
                } catch (IOException e) {
                    // Closing a listening socket that accepted nothing does not fail in practice.
                }
            }
        }
    }

    /**
     * Polls {@code GET http://127.0.0.1:port path} until it answers, and returns that response; fails
     * at the deadline or as soon as the process has exited.
     */
    static HttpResponse<String> awaitResponse(ContainerProcess process, int port, String path, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(5)).GET().build();
        Instant deadline = Instant.now().plus(timeout);
        IOException last = null;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new AssertionError("the process exited before answering " + path + ":\n" + process.output());
            }
            try {
                return CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                last = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted", e);
            }
            Polling.pause();
        }
        throw new AssertionError("no answer on port " + port + " to " + path + " within " + timeout + " (last error: " + last
                + "); output:\n" + process.output());
    }
}
