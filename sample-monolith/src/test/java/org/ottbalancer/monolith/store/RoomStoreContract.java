package org.ottbalancer.monolith.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.ottbalancer.protocol.RoomName;

/** What every room store must do; each implementation's test supplies a fresh, empty store. */
abstract class RoomStoreContract {

    /** A store with no rooms, no tokens and the epoch counter at 0. */
    abstract RoomStore store();

    @Test
    void unknownRoomLoadsAsEmpty() {
        assertEquals(Optional.empty(), store().loadRoom(RoomName.of("nothing")).join());
    }

    @Test
    void savedStateLoadsBackUnderAnyCaseOfTheName() {
        RoomStore s = store();
        s.saveRoom(RoomName.of("Lobby"), "{\"name\":\"Lobby\"}").join();
        assertEquals(Optional.of("{\"name\":\"Lobby\"}"), s.loadRoom(RoomName.of("lobby")).join());
    }

    @Test
    void createRoomRefusesAnExistingName() {
        RoomStore s = store();
        assertTrue(s.createRoom(RoomName.of("lobby"), "{\"v\":1}").join());
        assertFalse(s.createRoom(RoomName.of("LOBBY"), "{\"v\":2}").join());
        assertEquals(Optional.of("{\"v\":1}"), s.loadRoom(RoomName.of("lobby")).join());
    }

    @Test
    void loadEpochsCountUpFromOne() {
        RoomStore s = store();
        assertEquals(1L, s.nextLoadEpoch().join());
        assertEquals(2L, s.nextLoadEpoch().join());
        assertEquals(3L, s.nextLoadEpoch().join());
    }

    @Test
    void grantedTokensAreKnownAndOthersAreNot() {
        RoomStore s = store();
        s.putToken("granted", Duration.ofMinutes(1)).join();
        assertTrue(s.hasToken("granted").join());
        assertFalse(s.hasToken("forged").join());
    }

    @Test
    void tokensExpireAfterTheirTtl() throws InterruptedException {
        RoomStore s = store();
        s.putToken("brief", Duration.ofMillis(100)).join();
        Thread.sleep(250);
        assertFalse(s.hasToken("brief").join());
    }
}
