package org.ottbalancer.balancer.discovery;

import io.netty.util.NetUtil;
import java.util.regex.Pattern;
import org.ottbalancer.protocol.registry.MonolithEntry;

/**
 * Parses the socket-address strings a harness controller sends ({@code 127.0.0.1:3002},
 * {@code [::1]:40123}, {@code ott-1.internal:3002}). Parsing is strict because a typo here would
 * otherwise surface much later as a link that never connects: IPv6 literals must be bracketed,
 * the port must be a decimal number in 1..65535, and host names must be valid DNS names.
 * IP literals are returned in canonical form so that the same monolith always has the same
 * {@linkplain MonolithEntry#endpoint() endpoint}.
 */
final class SocketAddressParser {
    private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final Pattern DIGITS = Pattern.compile("[0-9]+");

    private SocketAddressParser() {
    }

    /**
     * Returns an active monolith at the given address.
     *
     * @throws IllegalArgumentException naming the address and what is wrong with it
     */
    static MonolithEntry parse(String address) {
        if (address == null || address.isEmpty()) {
            throw new IllegalArgumentException("empty socket address");
        }
        for (int i = 0; i < address.length(); i++) {
            if (Character.isWhitespace(address.charAt(i))) {
                throw invalid(address, "contains whitespace");
            }
        }
        String host;
        String port;
        if (address.startsWith("[")) {
            int close = address.indexOf(']');
            if (close < 0) {
                throw invalid(address, "missing ']' after the IPv6 address");
            }
            if (close + 1 >= address.length() || address.charAt(close + 1) != ':') {
                throw invalid(address, "missing ':<port>' after ']'");
            }
            host = ipv6(address, address.substring(1, close));
            port = address.substring(close + 2);
        } else {
            int colon = address.lastIndexOf(':');
            if (colon < 0) {
                throw invalid(address, "missing ':<port>'");
            }
            host = address.substring(0, colon);
            if (host.indexOf(':') >= 0) {
                throw invalid(address, "IPv6 addresses must be written in brackets, e.g. [::1]:3002");
            }
            host = ipv4OrHostName(address, host);
            port = address.substring(colon + 1);
        }
        return MonolithEntry.active(host, port(address, port));
    }

    /** The canonical text of an IP literal (compressed IPv6 without brackets); other hosts unchanged. */
    static String canonicalHost(String host) {
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (NetUtil.isValidIpV4Address(bare) || NetUtil.isValidIpV6Address(bare)) {
            return NetUtil.toAddressString(NetUtil.createInetAddressFromIpAddressString(bare));
        }
        return host;
    }

    private static String ipv6(String address, String literal) {
        if (literal.indexOf('%') >= 0) {
            throw invalid(address, "scoped IPv6 addresses (with '%') are not supported");
        }
        if (!NetUtil.isValidIpV6Address(literal)) {
            throw invalid(address, "'" + literal + "' is not a valid IPv6 address");
        }
        return canonicalHost(literal);
    }

    private static String ipv4OrHostName(String address, String host) {
        if (host.isEmpty()) {
            throw invalid(address, "missing host before ':'");
        }
        if (NetUtil.isValidIpV4Address(host)) {
            return canonicalHost(host);
        }
        String name = host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
        if (name.isEmpty() || name.length() > 253) {
            throw invalid(address, "'" + host + "' is not a valid host name");
        }
        String[] labels = name.split("\\.", -1);
        for (String label : labels) {
            if (!LABEL.matcher(label).matches()) {
                throw invalid(address, "'" + host + "' is not a valid IPv4 address or host name");
            }
        }
        // A name whose last label is numeric is a mistyped IPv4 address (e.g. 10.0.0.256), not a host.
        if (DIGITS.matcher(labels[labels.length - 1]).matches()) {
            throw invalid(address, "'" + host + "' is not a valid IPv4 address");
        }
        return host;
    }

    private static int port(String address, String port) {
        if (port.isEmpty()) {
            throw invalid(address, "missing port after ':'");
        }
        if (port.length() > 5 || !DIGITS.matcher(port).matches()) {
            throw invalid(address, "port '" + port + "' is not a number in 1..65535");
        }
        int value = Integer.parseInt(port);
        if (value < 1 || value > 65535) {
            throw invalid(address, "port " + value + " is not in 1..65535");
        }
        return value;
    }

    private static IllegalArgumentException invalid(String address, String problem) {
        return new IllegalArgumentException("invalid socket address \"" + address + "\": " + problem);
    }
}
