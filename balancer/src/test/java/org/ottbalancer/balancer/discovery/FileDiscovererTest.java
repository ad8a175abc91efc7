package org.ottbalancer.balancer.discovery;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.ottbalancer.balancer.config.DiscoveryConfig;
import org.ottbalancer.protocol.registry.MonolithEntry;
import org.ottbalancer.protocol.registry.MonolithState;
import org.ottbalancer.protocol.registry.RegistryCodec;
import org.ottbalancer.protocol.registry.RegistryDocument;

class FileDiscovererTest {
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration QUIET = Duration.ofMillis(400);
    private static final MonolithEntry A = MonolithEntry.active("10.0.0.1", 3002);
    private static final MonolithEntry B = MonolithEntry.active("10.0.0.2", 3002);

    private static EventLoopGroup group;

    @TempDir
    Path dir;
    private Path registry;
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
    void createDiscoverer() {
        registry = dir.resolve("registry.json");
        discoverer = Discoverers.create(new DiscoveryConfig.File(registry, POLL), group);
    }

    @AfterEach
    void closeDiscoverer() {
        discoverer.close();
    }

    @Test
    void registryIsReadAtStart() throws Exception {
        replace(RegistryDocument.of(1, List.of(A, B)));

        discoverer.start(listener);

        assertEquals(List.of(A, B), listener.nextMonoliths());
    }

    @Test
    void atomicReplaceByRenameIsSeen() throws Exception {
        replace(RegistryDocument.of(1, List.of(A)));
        discoverer.start(listener);
        assertEquals(List.of(A), listener.nextMonoliths());

        replace(RegistryDocument.of(2, List.of(A, B)));

        assertEquals(List.of(A, B), listener.nextMonoliths());
    }

    @Test
    void inPlaceRewriteIsSeen() throws Exception {
        replace(RegistryDocument.of(1, List.of(A)));
        discoverer.start(listener);
        listener.nextMonoliths();

        Files.writeString(registry, RegistryCodec.write(RegistryDocument.of(2, List.of(B))));

        listener.awaitMonoliths(List.of(B));
    }

    @Test
    void drainingStateIdRegionAndLoadAreCarried() throws Exception {
        MonolithEntry draining = new MonolithEntry("m-1", "ott-0", "10.0.0.1", 3002, "ewr", MonolithState.DRAINING, 3.5);
        MonolithEntry active = new MonolithEntry("m-2", null, "10.0.0.2", 3002, "iad", MonolithState.ACTIVE, 0.0);
        replace(RegistryDocument.of(7, List.of(draining, active)));

        discoverer.start(listener);

        List<MonolithEntry> found = listener.nextMonoliths();
        assertEquals(List.of(draining, active), found);
        assertTrue(found.get(0).isDraining());
        assertEquals(3.5, found.get(0).load());
    }

    @Test
    void unchangedFileIsNotReportedAgainEvenWhenTouched() throws Exception {
        replace(RegistryDocument.of(1, List.of(A)));
        discoverer.start(listener);
        listener.nextMonoliths();

        Files.setLastModifiedTime(registry, FileTime.from(Instant.now().plusSeconds(60)));

        listener.assertNothingWithin(QUIET);
    }

    @Test
    void invalidFileReportsTheCodecErrorOnceAndKeepsThePreviousSet() throws Exception {
        replace(RegistryDocument.of(1, List.of(A)));
        discoverer.start(listener);
        listener.nextMonoliths();
        String invalid = "{\"version\": 1, \"monoliths\": [{\"host\": \"10.0.0.3\", \"port\": 70000}]}";
        String codecMessage = assertThrows(RegistryCodec.InvalidRegistryException.class,
                () -> RegistryCodec.parse(invalid)).getMessage();

        replaceWithText(invalid);

        RecordingListener.Failed error = listener.nextError();
        assertTrue(error.description().contains(codecMessage), error.description());
        assertTrue(error.description().contains(registry.toString()), error.description());
        listener.assertNothingWithin(QUIET);
    }

    @Test
    void fixingAnInvalidFileReportsTheFixedSet() throws Exception {
        replaceWithText("{ not json");
        discoverer.start(listener);
        listener.nextError();

        replace(RegistryDocument.of(2, List.of(B)));

        assertEquals(List.of(B), listener.nextMonoliths());
    }

    @Test
    void missingFileReportsAnErrorThenRecoversWhenCreated() throws Exception {
        discoverer.start(listener);

        RecordingListener.Failed error = listener.nextError();
        assertTrue(error.description().contains("does not exist"), error.description());
        listener.assertNothingWithin(QUIET);

        replace(RegistryDocument.of(1, List.of(A)));

        assertEquals(List.of(A), listener.nextMonoliths());
    }

    @Test
    void fileThatDisappearsAndReturnsUnchangedIsReportedAgain() throws Exception {
        replace(RegistryDocument.of(1, List.of(A)));
        discoverer.start(listener);
        listener.nextMonoliths();

        Files.delete(registry);
        listener.nextError();
        replace(RegistryDocument.of(1, List.of(A)));

        assertEquals(List.of(A), listener.nextMonoliths());
    }

    private void replace(RegistryDocument doc) throws Exception {
        replaceWithText(RegistryCodec.write(doc));
    }

    /** How operators update the file: write a temporary file next to it, then rename it over. */
    private void replaceWithText(String text) throws Exception {
        Path tmp = Files.createTempFile(dir, "registry", ".tmp");
        Files.writeString(tmp, text, StandardCharsets.UTF_8);
        Files.move(tmp, registry, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
