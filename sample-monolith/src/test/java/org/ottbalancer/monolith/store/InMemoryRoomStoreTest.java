package org.ottbalancer.monolith.store;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class InMemoryRoomStoreTest extends RoomStoreContract {

    @Override
    RoomStore store() {
        return new InMemoryRoomStore();
    }

    @Test
    void epochCounterResetsToZeroOnceItReachesTheThresholdButTheCallerKeepsTheBigValue() {
        InMemoryRoomStore s = new InMemoryRoomStore(RoomStore.EPOCH_RESET_THRESHOLD - 1);
        assertEquals(RoomStore.EPOCH_RESET_THRESHOLD, s.nextLoadEpoch().join());
        assertEquals(1L, s.nextLoadEpoch().join());
    }
}
