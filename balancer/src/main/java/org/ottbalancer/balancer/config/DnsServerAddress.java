package org.ottbalancer.balancer.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * Parses {@code discovery.dns_server}: an IP literal, optionally with a port ({@code "10.0.0.2"},
 * {@code "10.0.0.2:5353"}, {@code "::1"}, {@code "[::1]:53"}); port 53 when none is given. Host names
 * are refused, as upstream refuses them: resolving the resolver's own name would need a resolver.
 */
final class DnsServerAddress {
    static final int DEFAULT_PORT = 53;

    /** Dotted quad without leading zeros, like Rust's {@code Ipv4Addr} parser (which refuses octal-looking parts). */
    private static final Pattern IPV4 = Pattern.compile("(?:(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    /** Characters an IPv6 literal can contain; checked first so that nothing here triggers a DNS lookup. */
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+(?:%[0-9A-Za-z_.-]+)?");
    private static final Pattern PORT = Pattern.compile("\\d{1,5}");

    private DnsServerAddress() {
    }

    /** @throws IllegalArgumentException saying what is wrong with the text (callers add the key) */
    static InetSocketAddress parse(String text) {
        String s = text.strip();
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0 || !s.startsWith(":", close + 1)) {
                throw invalid(text);
            }
            return new InetSocketAddress(ipv6(s.substring(1, close), text), port(s.substring(close + 2), text));
        }
        int colons = (int) s.chars().filter(c -> c == ':').count();
        if (colons == 0) {
            return new InetSocketAddress(ipv4(s, text), DEFAULT_PORT);
        }
        if (colons == 1) {
            int colon = s.indexOf(':');
            return new InetSocketAddress(ipv4(s.substring(0, colon), text), port(s.substring(colon + 1), text));
        }
        return new InetSocketAddress(ipv6(s, text), DEFAULT_PORT);
    }

    private static InetAddress ipv4(String s, String text) {
        if (!IPV4.matcher(s).matches()) {
            throw invalid(text);
        }
        return literal(s, text);
    }

    private static InetAddress ipv6(String s, String text) {
        if (!IPV6_CHARS.matcher(s).matches() || s.indexOf(':') < 0) {
            throw invalid(text);
        }
        return literal(s, text);
    }

    /** Only ever called with text already known to be an IP literal, so no name lookup happens. */
    private static InetAddress literal(String s, String text) {
        try {
            return InetAddress.getByName(s);
        } catch (UnknownHostException e) {
            throw invalid(text);
        }
    }

    private static int port(String s, String text) {
        if (!PORT.matcher(s).matches()) {
            throw invalid(text);
        }
        int port = Integer.parseInt(s);
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " of \"" + text + "\" is not in 1..65535");
        }
        return port;
    }

    private static IllegalArgumentException invalid(String text) {
        return new IllegalArgumentException("expected an IP address with optional port, such as \"10.0.0.2\", "
                + "\"10.0.0.2:5353\" or \"[::1]:53\", got \"" + text + "\"");
    }
}
