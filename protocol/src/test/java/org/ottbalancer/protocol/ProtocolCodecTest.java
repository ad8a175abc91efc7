package org.ottbalancer.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ProtocolCodecTest {
    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void roomMsgPayloadIsASpanOfTheFrameNotACopy() {
        String frame = "  {\"type\":\"room_msg\",\"payload\":{\"room\":\"foo\",\"payload\":{\"action\":\"chat\",\"text\":\"h\u00e9\u00e9\"} }}";
        byte[] padded = utf8("xxxx" + frame);
        M2B msg = ProtocolCodec.decodeM2B(padded, 4, padded.length - 4);
        M2B.RoomMsg roomMsg = assertInstanceOf(M2B.RoomMsg.class, msg);
        assertTrue(roomMsg.isBroadcast());
        assertEquals("{\"action\":\"chat\",\"text\":\"h\u00e9\u00e9\"}", roomMsg.payload().text());
        assertTrue(roomMsg.payload().array() == padded, "payload must reference the frame's bytes");
    }

    @Test
    void scalarPayloadSpansEndAtTheirLastCharacter() {
        for (String payload : new String[] {"\"str\\\"ing\"", "12345", "-1.5e3", "true", "null", "[1,[2]]"}) {
            byte[] frame = utf8("{\"payload\":{\"room\":\"r\",\"client_id\":null,\"payload\":" + payload + " },\"type\":\"room_msg\"}");
            M2B.RoomMsg m = (M2B.RoomMsg) ProtocolCodec.decodeM2B(frame);
            assertEquals(payload, m.payload().text());
        }
    }

    @Test
    void clientIdAbsentOrNullIsABroadcast() {
        M2B.RoomMsg absent = (M2B.RoomMsg) ProtocolCodec.decodeM2B(utf8("{\"type\":\"room_msg\",\"payload\":{\"room\":\"foo\",\"payload\":{}}}"));
        M2B.RoomMsg nul = (M2B.RoomMsg) ProtocolCodec.decodeM2B(utf8("{\"type\":\"room_msg\",\"payload\":{\"room\":\"foo\",\"client_id\":null,\"payload\":{}}}"));
        assertTrue(absent.isBroadcast());
        assertTrue(nul.isBroadcast());
    }

    @Test
    void unknownUnloadReasonIsRejected() {
        assertThrows(ProtocolException.class, () -> ProtocolCodec.decodeM2B(
                utf8("{\"type\":\"unloaded\",\"payload\":{\"name\":\"foo\",\"reason\":\"keepalive\"}}")));
    }

    @Test
    void b2mEncodingRoundTrips() {
        UUID id = UUID.randomUUID();
        B2M join = new B2M.Join(RoomName.of("Foo"), id, "tok\"en");
        assertEquals(join, ProtocolCodec.decodeB2M(ProtocolCodec.encode(join)));
    }
}
