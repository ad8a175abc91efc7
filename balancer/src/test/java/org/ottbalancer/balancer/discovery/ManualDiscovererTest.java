package org.ottbalancer.balancer.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.ottbalancer.balancer.config.DiscoveryConfig;
import org.ottbalancer.balancer.config.DiscoveryConfig.HostPort;
import org.ottbalancer.protocol.registry.MonolithEntry;

class ManualDiscovererTest {
    private static EventLoopGroup group;

    @BeforeAll
    static void startGroup() {
        group = EventLoops.newGroup();
    }

    @AfterAll
    static void stopGroup() {
        EventLoops.shutdown(group);
    }

    @Test
    void configuredMonolithsAreReportedOnceAtStart() throws Exception {
        DiscoveryConfig config = new DiscoveryConfig.Manual(List.of(
                new HostPort("127.0.0.1", 3002), new HostPort("ott-1.internal", 3002)));
        RecordingListener listener = new RecordingListener();
        try (Discoverer discoverer = Discoverers.create(config, group)) {
            discoverer.start(listener);

            assertEquals(List.of(MonolithEntry.active("127.0.0.1", 3002), MonolithEntry.active("ott-1.internal", 3002)),
                    listener.nextMonoliths());
            listener.assertNothingWithin(Duration.ofMillis(300));
        }
    }

    @Test
    void emptyManualListIsReportedAsNoMonoliths() throws Exception {
        RecordingListener listener = new RecordingListener();
        try (Discoverer discoverer = Discoverers.create(new DiscoveryConfig.Manual(List.of()), group)) {
            discoverer.start(listener);

            assertEquals(List.of(), listener.nextMonoliths());
        }
    }

    @Test
    void ipv6LiteralsAreReportedWithoutBracketsInCanonicalForm() throws Exception {
        DiscoveryConfig config = new DiscoveryConfig.Manual(List.of(new HostPort("[0:0::1]", 3002)));
        RecordingListener listener = new RecordingListener();
        try (Discoverer discoverer = Discoverers.create(config, group)) {
            discoverer.start(listener);

            List<MonolithEntry> found = listener.nextMonoliths();
            assertEquals(List.of(MonolithEntry.active("::1", 3002)), found);
            assertEquals("[::1]:3002", found.get(0).endpoint());
        }
    }

    @Test
    void repeatedEndpointIsReportedOnce() throws Exception {
        DiscoveryConfig config = new DiscoveryConfig.Manual(List.of(
                new HostPort("10.0.0.1", 3002), new HostPort("10.0.0.1", 3002)));
        RecordingListener listener = new RecordingListener();
        try (Discoverer discoverer = Discoverers.create(config, group)) {
            discoverer.start(listener);

            assertEquals(List.of(MonolithEntry.active("10.0.0.1", 3002)), listener.nextMonoliths());
        }
    }
}
