package org.ottbalancer.balancer.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.ottbalancer.protocol.registry.MonolithEntry;

class SocketAddressParserTest {

    @Test
    void ipv4AddressWithPort() {
        assertEquals(MonolithEntry.active("127.0.0.1", 3002), SocketAddressParser.parse("127.0.0.1:3002"));
    }

    @Test
    void bracketedIpv6AddressWithPortIsCanonicalised() {
        assertEquals(MonolithEntry.active("::1", 40123), SocketAddressParser.parse("[::1]:40123"));
        assertEquals(MonolithEntry.active("fdaa::2", 80), SocketAddressParser.parse("[FDAA:0:0::2]:80"));
    }

    @Test
    void hostNameWithPort() {
        assertEquals(MonolithEntry.active("ott-1.internal", 3002), SocketAddressParser.parse("ott-1.internal:3002"));
        assertEquals(MonolithEntry.active("localhost", 1), SocketAddressParser.parse("localhost:1"));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', value = {
        "127.0.0.1         | missing ':<port>'",
        "127.0.0.1:        | missing port",
        ":3002             | missing host",
        "::1:3002          | must be written in brackets",
        "[::1]3002         | missing ':<port>' after ']'",
        "[::1:3002         | missing ']'",
        "[127.0.0.1]:3002  | not a valid IPv6 address",
        "[fe80::1%eth0]:80 | scoped IPv6",
        "10.0.0.256:3002   | not a valid IPv4 address",
        "host_name:3002    | not a valid IPv4 address or host name",
        "-bad.example:3002 | not a valid IPv4 address or host name",
        "host:0            | not in 1..65535",
        "host:65536        | not in 1..65535",
        "host:+80          | not a number",
        "host:123456       | not a number",
        "'host :80'        | whitespace",
    })
    void malformedAddressesAreRejectedWithTheReason(String address, String reason) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SocketAddressParser.parse(address));

        assertTrue(e.getMessage().contains(reason), e.getMessage());
        assertTrue(e.getMessage().contains(address), e.getMessage());
    }
}
