package org.ottbalancer.balancer.config;

import java.time.Duration;

/**
 * Bounds and timeouts that keep one slow or hostile peer from hurting anyone else (the
 * {@code [limits]} table; every key is optional).
 *
 * @param maxFrameBytes largest WebSocket frame or reassembled message accepted from a client or monolith
 * @param maxHttpBodyBytes largest HTTP request or proxied response body
 * @param clientQueueFrames frames that may wait for a slow client before it is disconnected (1000, {@code leave})
 * @param clientQueueBytes bytes that may wait for a slow client before it is disconnected
 * @param monolithQueueBytes bytes that may wait for a monolith link before sends count as blocked
 * @param monolithSendTimeout how long a monolith link may stay blocked before it is evicted
 * @param httpHandshakeTimeout time a connection has to send a complete HTTP request head (slowloris)
 * @param authTimeout time a client has to send its {@code auth} frame
 * @param monolithInitTimeout time a monolith has to send its {@code init}
 * @param reconnectDelay first wait before re-dialling a monolith after its link dropped or a dial failed
 * @param reconnectMaxDelay cap of the exponential back-off between dials
 * @param proxyConnectTimeout connect timeout for proxied HTTP requests and for dialling monolith links
 * @param proxyResponseTimeout time a monolith has to answer a proxied request (504 after that)
 * @param idleTimeout close client WebSockets that sent nothing (not even a ping) for this long (zero disables)
 */
public record Limits(
        int maxFrameBytes,
        int maxHttpBodyBytes,
        int clientQueueFrames,
        long clientQueueBytes,
        long monolithQueueBytes,
        Duration monolithSendTimeout,
        Duration httpHandshakeTimeout,
        Duration authTimeout,
        Duration monolithInitTimeout,
        Duration reconnectDelay,
        Duration reconnectMaxDelay,
        Duration proxyConnectTimeout,
        Duration proxyResponseTimeout,
        Duration idleTimeout) {

    public Limits {
        positive("max_frame_bytes", maxFrameBytes);
        positive("max_http_body_bytes", maxHttpBodyBytes);
        positive("client_queue_frames", clientQueueFrames);
        positive("client_queue_bytes", clientQueueBytes);
        positive("monolith_queue_bytes", monolithQueueBytes);
        positive("monolith_send_timeout", monolithSendTimeout);
        positive("http_handshake_timeout", httpHandshakeTimeout);
        positive("auth_timeout", authTimeout);
        positive("monolith_init_timeout", monolithInitTimeout);
        positive("reconnect_delay", reconnectDelay);
        positive("reconnect_max_delay", reconnectMaxDelay);
        positive("proxy_connect_timeout", proxyConnectTimeout);
        positive("proxy_response_timeout", proxyResponseTimeout);
        if (idleTimeout == null || idleTimeout.isNegative()) {
            throw new IllegalArgumentException("idle_timeout must be zero or positive");
        }
        if (reconnectMaxDelay.compareTo(reconnectDelay) < 0) {
            throw new IllegalArgumentException("reconnect_max_delay must not be shorter than reconnect_delay");
        }
    }

    public static Limits defaults() {
        return new Limits(
                1 << 20,            // 1 MiB: far above any OTT message, far below memory trouble
                16 << 20,
                1024,
                4L << 20,
                16L << 20,
                Duration.ofSeconds(1),  // upstream waits 1 s for monolith queue space
                Duration.ofSeconds(10),
                Duration.ofSeconds(20), // upstream's auth deadline
                Duration.ofSeconds(20), // upstream's init deadline
                Duration.ofSeconds(1),  // upstream waits 1 s after a drop
                Duration.ofSeconds(30),
                Duration.ofSeconds(5),
                Duration.ofSeconds(60),
                Duration.ZERO);
    }

    private static void positive(String name, long v) {
        if (v <= 0) {
            throw new IllegalArgumentException(name + " must be positive, got " + v);
        }
    }

    private static void positive(String name, Duration d) {
        if (d == null || d.isZero() || d.isNegative()) {
            throw new IllegalArgumentException(name + " must be a positive duration");
        }
    }
}
