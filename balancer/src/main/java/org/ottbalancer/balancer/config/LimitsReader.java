package org.ottbalancer.balancer.config;

import java.time.Duration;
import java.util.Set;

/** Maps the optional {@code [limits]} table to {@link Limits}; every key falls back to {@link Limits#defaults()}. */
final class LimitsReader {
    private static final Set<String> KEYS = Set.of(
            "max_frame_bytes", "max_http_body_bytes", "client_queue_frames", "client_queue_bytes",
            "monolith_queue_bytes", "monolith_send_timeout", "http_handshake_timeout", "auth_timeout",
            "monolith_init_timeout", "reconnect_delay", "reconnect_max_delay", "proxy_connect_timeout",
            "proxy_response_timeout", "idle_timeout");

    private LimitsReader() {
    }

    static Limits read(ConfigTable t) {
        t.warnAboutKeysOtherThan(KEYS);
        Limits d = Limits.defaults();
        Duration reconnectDelay = t.positiveDuration("reconnect_delay", d.reconnectDelay());
        Duration reconnectMaxDelay = t.positiveDuration("reconnect_max_delay", d.reconnectMaxDelay());
        if (reconnectMaxDelay.compareTo(reconnectDelay) < 0) {
            throw new ConfigException(t.path("reconnect_max_delay") + ": must not be shorter than "
                    + t.path("reconnect_delay") + " (" + reconnectMaxDelay + " < " + reconnectDelay + ")");
        }
        return new Limits(
                (int) t.integer("max_frame_bytes", 1, Integer.MAX_VALUE, d.maxFrameBytes()),
                (int) t.integer("max_http_body_bytes", 1, Integer.MAX_VALUE, d.maxHttpBodyBytes()),
                (int) t.integer("client_queue_frames", 1, Integer.MAX_VALUE, d.clientQueueFrames()),
                t.integer("client_queue_bytes", 1, Long.MAX_VALUE, d.clientQueueBytes()),
                t.integer("monolith_queue_bytes", 1, Long.MAX_VALUE, d.monolithQueueBytes()),
                t.positiveDuration("monolith_send_timeout", d.monolithSendTimeout()),
                t.positiveDuration("http_handshake_timeout", d.httpHandshakeTimeout()),
                t.positiveDuration("auth_timeout", d.authTimeout()),
                t.positiveDuration("monolith_init_timeout", d.monolithInitTimeout()),
                reconnectDelay,
                reconnectMaxDelay,
                t.positiveDuration("proxy_connect_timeout", d.proxyConnectTimeout()),
                t.positiveDuration("proxy_response_timeout", d.proxyResponseTimeout()),
                // Zero is meaningful here: it switches idle closing off.
                t.duration("idle_timeout", d.idleTimeout()));
    }
}
