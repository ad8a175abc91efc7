package org.ottbalancer.balancer.proxy;

import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Separates the headers that describe one connection (hop-by-hop, RFC 9110 §7.6.1) from the ones
 * meant for the other end. A proxy that passed hop-by-hop headers on would let a client steer the
 * balancer's pooled monolith connections (for example {@code Connection: close} or
 * {@code Upgrade}), and would leak the monolith's connection details back to the client.
 */
final class HopByHopHeaders {
    private static final Set<String> ALWAYS = Set.of(
            "connection", "keep-alive", "proxy-connection", "te", "trailer", "transfer-encoding",
            "upgrade", "proxy-authenticate", "proxy-authorization");

    private HopByHopHeaders() {
    }

    /** Adds every end-to-end header of {@code from} to {@code to}, keeping repeated headers and their order. */
    static void copyEndToEnd(HttpHeaders from, HttpHeaders to) {
        Set<String> dropped = namesToDrop(from);
        for (Map.Entry<String, String> header : from) {
            if (!dropped.contains(header.getKey().toLowerCase(Locale.ROOT))) {
                to.add(header.getKey(), header.getValue());
            }
        }
    }

    /** The fixed hop-by-hop names plus every header the sender listed in {@code Connection}. */
    static Set<String> namesToDrop(HttpHeaders headers) {
        List<String> connection = headers.getAll(HttpHeaderNames.CONNECTION);
        if (connection.isEmpty()) {
            // The usual case on both sides of the proxy: no per-request set to build.
            return ALWAYS;
        }
        Set<String> names = new HashSet<>(ALWAYS);
        for (String value : connection) {
            for (String token : value.split(",")) {
                String name = token.trim().toLowerCase(Locale.ROOT);
                if (!name.isEmpty()) {
                    names.add(name);
                }
            }
        }
        return names;
    }
}
