package org.ottbalancer.balancer.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.handler.codec.dns.DnsRecordType;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.ottbalancer.balancer.config.DiscoveryConfig;
import org.ottbalancer.protocol.registry.MonolithEntry;

class DnsDiscovererTest {
    private static final String NAME = "monoliths.test";
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration RETRY = Duration.ofMillis(150);

    private static EventLoopGroup group;

    private TestDnsServer dns;
    private Discoverer discoverer;
    private final RecordingListener listener = new RecordingListener();

    @BeforeAll
    static void startGroup() {
        group = EventLoops.newGroup();
    }

    @AfterAll
    static void stopGroup() {
        EventLoops.shutdown(group);
    }

    @BeforeEach
    void startDnsServer() {
        dns = new TestDnsServer(group);
    }

    @AfterEach
    void stopAll() {
        if (discoverer != null) {
            discoverer.close();
        }
        dns.close();
    }

    private Discoverer dnsDiscoverer(int servicePort) {
        return new DnsDiscoverer("dns", NAME, DnsDiscoverer.RecordType.A, servicePort, Optional.of(dns.address()),
                POLL, RETRY, group);
    }

    @Test
    void eachARecordIsAMonolithOnTheServicePort() throws Exception {
        dns.set(NAME, "10.0.0.1", "10.0.0.2");
        discoverer = dnsDiscoverer(3002);

        discoverer.start(listener);

        List<MonolithEntry> found = listener.nextMonoliths();
        assertTrue(RecordingListener.sameSet(found,
                List.of(MonolithEntry.active("10.0.0.1", 3002), MonolithEntry.active("10.0.0.2", 3002))), found.toString());
    }

    @Test
    void configuredDnsServerIsUsedThroughTheFactory() throws Exception {
        dns.set(NAME, "10.0.0.1");
        discoverer = Discoverers.create(new DiscoveryConfig.Dns(NAME, 3002, Optional.of(dns.address()), POLL), group);

        discoverer.start(listener);

        assertEquals(List.of(MonolithEntry.active("10.0.0.1", 3002)), listener.nextMonoliths());
    }

    @Test
    void unchangedRecordsAreReportedAgainEveryPoll() throws Exception {
        dns.set(NAME, "10.0.0.1");
        discoverer = dnsDiscoverer(3002);

        discoverer.start(listener);

        assertEquals(List.of(MonolithEntry.active("10.0.0.1", 3002)), listener.nextMonoliths());
        assertEquals(List.of(MonolithEntry.active("10.0.0.1", 3002)), listener.nextMonoliths());
    }

    @Test
    void membershipChangesBetweenPollsAreReported() throws Exception {
        dns.set(NAME, "10.0.0.1");
        discoverer = dnsDiscoverer(3002);
        discoverer.start(listener);
        listener.awaitMonoliths(List.of(MonolithEntry.active("10.0.0.1", 3002)));

        dns.set(NAME, "10.0.0.1", "10.0.0.3");
        listener.awaitMonoliths(List.of(MonolithEntry.active("10.0.0.1", 3002), MonolithEntry.active("10.0.0.3", 3002)));

        dns.set(NAME, "10.0.0.3");
        listener.awaitMonoliths(List.of(MonolithEntry.active("10.0.0.3", 3002)));
    }

    @Test
    void nxdomainIsReportedAsAnErrorAndLookupsContinue() throws Exception {
        dns.set(NAME, "10.0.0.1");
        discoverer = dnsDiscoverer(3002);
        discoverer.start(listener);
        listener.nextMonoliths();

        dns.remove(NAME);
        RecordingListener.Failed error = listener.awaitError();
        assertTrue(error.description().contains(NAME), error.description());

        dns.set(NAME, "10.0.0.2");
        listener.awaitMonoliths(List.of(MonolithEntry.active("10.0.0.2", 3002)));
    }

    @Test
    void nameWithoutARecordsIsAnError() throws Exception {
        dns.set(NAME, "fdaa::1");
        discoverer = dnsDiscoverer(3002);

        discoverer.start(listener);

        listener.nextError();
    }

    @Test
    void afterAnErrorTheNextLookupWaitsForTheRetryDelayNotThePollingInterval() throws Exception {
        discoverer = new DnsDiscoverer("dns", NAME, DnsDiscoverer.RecordType.A, 3002, Optional.of(dns.address()),
                Duration.ofMillis(20), Duration.ofSeconds(30), group);

        discoverer.start(listener);
        listener.nextError();

        listener.assertNothingWithin(Duration.ofMillis(500));
        assertEquals(1, dns.questions().size(), dns.questions().toString());
    }

    @Test
    void flyDiscovererAsksForAaaaRecordsOfTheGlobalInternalName() throws Exception {
        dns.set("global.ott-test.internal", "fdaa:0:1::2", "fdaa:0:1::3", "10.0.0.9");
        discoverer = new FlyDiscoverer(new DiscoveryConfig.Fly("ott-test", 3002, POLL), Optional.of(dns.address()),
                RETRY, group);

        discoverer.start(listener);

        List<MonolithEntry> found = listener.nextMonoliths();
        assertTrue(RecordingListener.sameSet(found,
                List.of(MonolithEntry.active("fdaa:0:1::2", 3002), MonolithEntry.active("fdaa:0:1::3", 3002))),
                found.toString());
        assertEquals("[fdaa:0:1::2]:3002", found.stream().filter(m -> m.host().endsWith("2")).findFirst().orElseThrow().endpoint());
        assertTrue(dns.questions().contains(new TestDnsServer.Question("global.ott-test.internal", DnsRecordType.AAAA)),
                dns.questions().toString());
        assertTrue(dns.questions().stream().noneMatch(q -> q.type().equals(DnsRecordType.A)), dns.questions().toString());
    }

    @Test
    void closedDiscovererStopsPolling() throws Exception {
        dns.set(NAME, "10.0.0.1");
        discoverer = dnsDiscoverer(3002);
        discoverer.start(listener);
        listener.nextMonoliths();

        discoverer.close();
        int asked = dns.questions().size();

        listener.assertNothingWithin(Duration.ofMillis(400));
        assertTrue(dns.questions().size() <= asked + 1, dns.questions().toString());
    }
}
