package org.ottbalancer.balancer.config;

import io.netty.util.NetUtil;

/**
 * The {@code bind} key: the address the client port listens on. Only IP literals are accepted, so
 * that a typo is reported when the configuration is read instead of surfacing as a failed or
 * surprising DNS lookup when the port is bound.
 */
final class BindAddress {
    private BindAddress() {
    }

    /** @throws IllegalArgumentException naming the value when it is not an IPv4 or IPv6 literal */
    static void check(String address) {
        String bare = address.startsWith("[") && address.endsWith("]") ? address.substring(1, address.length() - 1) : address;
        if (!NetUtil.isValidIpV4Address(bare) && !NetUtil.isValidIpV6Address(bare)) {
            throw new IllegalArgumentException("must be an IP address such as 0.0.0.0, 127.0.0.1 or ::, got \"" + address + "\"");
        }
    }
}
