package org.ottbalancer.balancer.behaviour;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.ottbalancer.balancer.behaviour.StateQueries.holds;
import static org.ottbalancer.balancer.harness.BalancerFixture.QUIET;
import static org.ottbalancer.balancer.harness.BalancerFixture.WAIT;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.ottbalancer.balancer.config.DiscoveryConfig;
import org.ottbalancer.balancer.harness.BalancerFixture;
import org.ottbalancer.balancer.harness.Eventually;
import org.ottbalancer.balancer.harness.JoinedClient;
import org.ottbalancer.balancer.harness.MockClient;
import org.ottbalancer.balancer.harness.MockMonolith;
import org.ottbalancer.balancer.harness.RunningBalancer;
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.RawJson;
import org.ottbalancer.protocol.RoomName;
import org.ottbalancer.protocol.registry.MonolithEntry;
import org.ottbalancer.protocol.registry.MonolithState;
import org.ottbalancer.protocol.registry.RegistryCodec;
import org.ottbalancer.protocol.registry.RegistryDocument;

/**
 * {@code method = "file"}: the balancer follows a registry document on disk, links to the monoliths
 * it lists, and keeps draining monoliths' rooms while giving them no new ones.
 */
class FileRegistryDiscoveryTest {
    private static final Duration POLL = Duration.ofMillis(50);

    @RegisterExtension
    final BalancerFixture fx = new BalancerFixture();

    @TempDir
    Path dir;

    private final AtomicLong generation = new AtomicLong();

    private Path registry() {
        return dir.resolve("registry.json");
    }

    private RunningBalancer balancerFollowingTheRegistry() {
        return fx.balancerUsingConfiguredDiscovery(c -> c.withDiscovery(new DiscoveryConfig.File(registry(), POLL)));
    }

    private static MonolithEntry entry(MockMonolith m, MonolithState state) {
        return new MonolithEntry(m.id().toString(), null, "127.0.0.1", m.port(), null, state, null);
    }

    private static MonolithEntry active(MockMonolith m) {
        return entry(m, MonolithState.ACTIVE);
    }

    private static MonolithEntry draining(MockMonolith m) {
        return entry(m, MonolithState.DRAINING);
    }

    /** Replaces the registry file atomically, as an operator writing a ConfigMap would. */
    private void publish(MonolithEntry... entries) {
        writeAtomically(RegistryCodec.write(RegistryDocument.of(generation.incrementAndGet(), List.of(entries))));
    }

    private void writeAtomically(String content) {
        try {
            Path tmp = Files.createTempFile(dir, "registry", ".tmp");
            Files.writeString(tmp, content, StandardCharsets.UTF_8);
            Files.move(tmp, registry(), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new AssertionError("cannot write the registry file", e);
        }
    }

    private static void awaitDraining(RunningBalancer b, MockMonolith m) {
        Eventually.await(WAIT, m + " marked draining", () -> b.http()
                .get("/api/balancing", "Authorization", "Bearer " + BalancerFixture.API_KEY).body()
                .contains(m.id() + " (draining)"));
    }

    private static void loadAndAwait(RunningBalancer b, MockMonolith m, String room, long epoch) {
        m.load(room, epoch);
        Eventually.await(WAIT, room + " held by " + m, () -> holds(b, m, room));
    }

    @Test
    void balancerLinksToEveryMonolithListedInTheRegistryFile() {
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        publish(active(m1), active(m2));

        RunningBalancer b = balancerFollowingTheRegistry();

        b.awaitRegistered(m1, m2);
    }

    @Test
    void monolithAddedToTheFileLaterIsLinked() {
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        publish(active(m1));
        RunningBalancer b = balancerFollowingTheRegistry();
        b.awaitRegistered(m1);

        publish(active(m1), active(m2));

        b.awaitRegistered(m1, m2);
    }

    @Test
    void clientOfAMonolithThatBecomesDrainingKeepsWorking() {
        MockMonolith m = fx.monolith();
        MockMonolith other = fx.monolith();
        publish(active(m), active(other));
        RunningBalancer b = balancerFollowingTheRegistry();
        b.awaitRegistered(m, other);
        loadAndAwait(b, m, "lounge", 1);
        JoinedClient joined = b.join("lounge", m, other);

        publish(draining(m), active(other));
        awaitDraining(b, m);

        joined.client().sendText("{\"action\":\"still-here\"}");
        m.awaitMessage(B2M.ClientMsg.class, msg -> msg.clientId().equals(joined.id()), WAIT);
        m.send(M2B.RoomMsg.broadcast(RoomName.of("lounge"), RawJson.of("{\"action\":\"hello\"}")));
        assertEquals("{\"action\":\"hello\"}", joined.client().awaitText(WAIT));
        joined.client().awaitStaysOpen(QUIET);
    }

    @Test
    void joinToAnExistingRoomOfADrainingMonolithStillGoesToIt() {
        MockMonolith m = fx.monolith();
        MockMonolith other = fx.monolith();
        publish(active(m), active(other));
        RunningBalancer b = balancerFollowingTheRegistry();
        b.awaitRegistered(m, other);
        loadAndAwait(b, m, "lounge", 1);

        publish(draining(m), active(other));
        awaitDraining(b, m);

        assertSame(m, b.join("lounge", m, other).monolith());
    }

    @Test
    void newRoomsGoOnlyToActiveMonolithsWhileOneIsDraining() {
        MockMonolith drainingOne = fx.monolith();
        MockMonolith activeOne = fx.monolith();
        publish(active(drainingOne), active(activeOne));
        RunningBalancer b = balancerFollowingTheRegistry();
        b.awaitRegistered(drainingOne, activeOne);
        // Without draining, MinRooms would choose the empty monolith for every new room.
        loadAndAwait(b, activeOne, "busy-1", 1);
        loadAndAwait(b, activeOne, "busy-2", 2);

        publish(draining(drainingOne), active(activeOne));
        awaitDraining(b, drainingOne);

        for (int i = 0; i < 3; i++) {
            assertSame(activeOne, b.join("new-room-" + i, drainingOne, activeOne).monolith());
        }
    }

    @Test
    void joinToANewRoomIsClosedWith4000WhenEveryMonolithIsDraining() {
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        publish(draining(m1), draining(m2));
        RunningBalancer b = balancerFollowingTheRegistry();
        b.awaitRegistered(m1, m2);
        awaitDraining(b, m1);
        awaitDraining(b, m2);

        MockClient client = b.open("nowhere-to-go");
        client.auth("token-nowhere");

        assertEquals(4000, client.awaitClose(WAIT).code());
        m1.awaitNoMessage(B2M.Join.class, QUIET);
        m2.awaitNoMessage(B2M.Join.class, Duration.ZERO);
    }

    @Test
    void monolithRemovedFromTheFileLosesItsLinkAndItsClientsAreClosedWith1000() {
        MockMonolith leaving = fx.monolith();
        MockMonolith staying = fx.monolith();
        publish(active(leaving), active(staying));
        RunningBalancer b = balancerFollowingTheRegistry();
        b.awaitRegistered(leaving, staying);
        loadAndAwait(b, leaving, "old-room", 1);
        JoinedClient joined = b.join("old-room", leaving, staying);

        publish(active(staying));

        b.awaitUnregistered(leaving);
        leaving.awaitNoLinks(WAIT);
        assertEquals(1000, joined.client().awaitClose(WAIT).code());
        assertEquals(List.of(staying.id()), new ArrayList<>(b.registeredMonoliths()));
    }

    @Test
    void invalidRegistryFileKeepsThePreviousSet() {
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        publish(active(m1), active(m2));
        RunningBalancer b = balancerFollowingTheRegistry();
        b.awaitRegistered(m1, m2);

        writeAtomically("{\"version\": 1, \"monoliths\": [ {\"host\": \"127.0.0.1\"");
        Eventually.pauseFor(POLL.multipliedBy(6));

        b.awaitRegistered(m1, m2);
        assertEquals(1, m1.links());
        assertEquals(1, m2.links());
    }

    @Test
    void validFileAfterAnInvalidOneIsAppliedAgain() {
        MockMonolith m1 = fx.monolith();
        MockMonolith m2 = fx.monolith();
        publish(active(m1), active(m2));
        RunningBalancer b = balancerFollowingTheRegistry();
        b.awaitRegistered(m1, m2);
        writeAtomically("not a registry");
        Eventually.pauseFor(POLL.multipliedBy(4));

        publish(active(m2));

        b.awaitUnregistered(m1);
    }
}
