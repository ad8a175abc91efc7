package org.ottbalancer.balancer.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

class DnsServerAddressTest {

    @Test
    void bareIpv4ImpliesPort53() throws Exception {
        assertEquals(new InetSocketAddress(InetAddress.getByName("10.0.0.2"), 53), DnsServerAddress.parse("10.0.0.2"));
    }

    @Test
    void ipv4WithPort() throws Exception {
        assertEquals(new InetSocketAddress(InetAddress.getByName("10.0.0.2"), 5353), DnsServerAddress.parse("10.0.0.2:5353"));
    }

    @Test
    void bracketedIpv6WithPort() throws Exception {
        assertEquals(new InetSocketAddress(InetAddress.getByName("::1"), 53), DnsServerAddress.parse("[::1]:53"));
        assertEquals(new InetSocketAddress(InetAddress.getByName("fdaa::3"), 5300), DnsServerAddress.parse("[fdaa::3]:5300"));
    }

    @Test
    void bareIpv6ImpliesPort53() throws Exception {
        assertEquals(new InetSocketAddress(InetAddress.getByName("fdaa::3"), 53), DnsServerAddress.parse("fdaa::3"));
    }

    @Test
    void hostNamesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> DnsServerAddress.parse("dns.example.com"));
        assertThrows(IllegalArgumentException.class, () -> DnsServerAddress.parse("dns.example.com:53"));
        assertThrows(IllegalArgumentException.class, () -> DnsServerAddress.parse("zz:zz"));
    }

    @Test
    void malformedAddressesAreRefused() {
        for (String bad : new String[] {"", "10.0.0", "10.0.0.256", "010.0.0.1", "10.0.0.2:", "10.0.0.2:abc",
                "10.0.0.2:70000", "10.0.0.2:0", "[::1]", "[::1]53", "::1]:53", "1:2:3:4:5:6:7:8:9"}) {
            assertThrows(IllegalArgumentException.class, () -> DnsServerAddress.parse(bad), bad);
        }
    }
}
