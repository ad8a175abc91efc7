package org.ottbalancer.balancer.proxy;

import java.util.Objects;

/**
 * Where a proxied HTTP request goes: the host the balancer dialled for a monolith's link and the
 * HTTP port that monolith announced in its {@code init}.
 */
public record ProxyTarget(String monolithId, String host, int port) {
    public ProxyTarget {
        Objects.requireNonNull(monolithId, "monolithId");
        Objects.requireNonNull(host, "host");
    }
}
