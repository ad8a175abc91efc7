package org.ottbalancer.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.ottbalancer.protocol.registry.MonolithState;

class ExtensionMessagesTest {
    private static M2B decode(String json) {
        return ProtocolCodec.decodeM2B(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void freezeCarriesRoomAndDeadline() {
        assertEquals(new M2B.Freeze(RoomName.of("Foo"), 30000),
                decode("{\"type\":\"ext_freeze\",\"payload\":{\"room\":\"Foo\",\"deadline_ms\":30000}}"));
    }

    @Test
    void freezeWithoutAPositiveDeadlineIsRejected() {
        assertThrows(ProtocolException.class,
                () -> decode("{\"type\":\"ext_freeze\",\"payload\":{\"room\":\"Foo\",\"deadline_ms\":0}}"));
    }

    @Test
    void unfreezeNamesTheRoom() {
        assertEquals(new M2B.Unfreeze(RoomName.of("foo")), decode("{\"type\":\"ext_unfreeze\",\"payload\":{\"room\":\"foo\"}}"));
    }

    @Test
    void statusCarriesTheMonolithState() {
        assertEquals(new M2B.Status(MonolithState.DRAINING), decode("{\"type\":\"ext_status\",\"payload\":{\"state\":\"draining\"}}"));
    }

    @Test
    void statusWithAnUnknownStateIsRejected() {
        assertThrows(ProtocolException.class, () -> decode("{\"type\":\"ext_status\",\"payload\":{\"state\":\"sleepy\"}}"));
    }

    @Test
    void extensionMessagesRoundTrip() {
        for (M2B m : new M2B[] {new M2B.Freeze(RoomName.of("a"), 5), new M2B.Unfreeze(RoomName.of("b")),
            new M2B.Status(MonolithState.ACTIVE)}) {
            assertEquals(m, ProtocolCodec.decodeM2B(ProtocolCodec.encode(m)));
        }
    }
}
