package org.ottbalancer.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Random;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The {@code room_msg} fast path must decode exactly what the general decoder decodes, and leave
 * everything it does not handle (and every error) to it.
 */
class RoomMsgScannerTest {
    private static final String CLIENT = "0b6f9d3e-1c2a-4e5f-8a7b-9c0d1e2f3a4b";

    private static final String[] PLAIN = {
        "{\"type\":\"room_msg\",\"payload\":{\"room\":\"foo\",\"client_id\":\"" + CLIENT + "\",\"payload\":{\"action\":\"chat\",\"n\":[1,2.5,true,null]}}}",
        "{\"type\":\"room_msg\",\"payload\":{\"room\":\"foo\",\"payload\":{\"a\":\"b\"}}}",
        "{\"type\":\"room_msg\",\"payload\":{\"room\":\"foo\",\"client_id\":null,\"payload\":[]}}",
        "{\"payload\":{\"payload\":\"text \\\"quoted\\\" \\u00e9\",\"room\":\"Caf\u00e9\"},\"type\":\"room_msg\"}",
        " {\n \"type\" : \"room_msg\" ,\t\"extra\":[{\"x\":1}], \"payload\" : { \"other\": 5, \"room\" : \"r\" , \"payload\" : 42 } }\r\n",
        "{\"type\":\"room_msg\",\"payload\":{\"room\":\"r\",\"client_id\":\"" + CLIENT.replace("-", "") + "\",\"payload\":-1.5e3}}",
        "{\"type\":\"room_msg\",\"payload\":{\"room\":\"r\",\"payload\":null}}",
        "{\"type\":\"room_msg\",\"payload\":{\"room\":\"\",\"payload\":false}}",
    };

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static M2B.RoomMsg scan(byte[] bytes) {
        return RoomMsgScanner.scan(bytes, 0, bytes.length);
    }

    @Test
    void decodesPlainRoomMessagesExactlyLikeTheGeneralDecoder() {
        for (String frame : PLAIN) {
            byte[] bytes = utf8(frame);
            M2B.RoomMsg fast = scan(bytes);
            assertNotNull(fast, frame);
            assertEquals(ProtocolCodec.decodeM2BWithParser(bytes, 0, bytes.length), fast, frame);
        }
    }

    @Test
    void keepsThePayloadAsASpanOfTheFrame() {
        byte[] bytes = utf8("xx" + PLAIN[1] + "yy");
        M2B.RoomMsg msg = RoomMsgScanner.scan(bytes, 2, bytes.length - 4);
        assertNotNull(msg);
        assertEquals(bytes, msg.payload().array());
        assertEquals("{\"a\":\"b\"}", msg.payload().text());
        assertEquals(RoomName.of("foo"), msg.room());
        assertEquals(Optional.empty(), msg.clientId());
    }

    @Test
    void readsTheTargetClient() {
        M2B.RoomMsg msg = scan(utf8(PLAIN[0]));
        assertEquals(Optional.of(UUID.fromString(CLIENT)), msg.clientId());
    }

    @Test
    void leavesOtherMessageTypesToTheGeneralDecoder() {
        assertNull(scan(ProtocolCodec.encode(new M2B.Kick(UUID.fromString(CLIENT), 4000))));
        assertNull(scan(utf8("{\"type\":\"room_msgs\",\"payload\":{\"room\":\"r\",\"payload\":1}}")));
        assertNull(scan(utf8("{\"payload\":{\"room\":\"r\",\"payload\":1}}")));
    }

    @Test
    void leavesEscapedKeysAndValuesToTheGeneralDecoder() {
        assertNull(scan(utf8("{\"typ\\u0065\":\"room_msg\",\"payload\":{\"room\":\"r\",\"payload\":1}}")));
        assertNull(scan(utf8("{\"type\":\"room\\u005fmsg\",\"payload\":{\"room\":\"r\",\"payload\":1}}")));
        assertNull(scan(utf8("{\"type\":\"room_msg\",\"payload\":{\"room\":\"a\\\"b\",\"payload\":1}}")));
        byte[] escapedRoom = utf8("{\"type\":\"room_msg\",\"payload\":{\"room\":\"a\\\"b\",\"payload\":1}}");
        assertEquals(RoomName.of("a\"b"), ((M2B.RoomMsg) ProtocolCodec.decodeM2B(escapedRoom)).room());
    }

    @Test
    void leavesDuplicateKeysToTheGeneralDecoder() {
        byte[] bytes = utf8("{\"type\":\"room_msg\",\"payload\":{\"room\":\"a\",\"room\":\"b\",\"payload\":1}}");
        assertNull(scan(bytes));
        assertEquals(RoomName.of("b"), ((M2B.RoomMsg) ProtocolCodec.decodeM2B(bytes)).room());
        assertNull(scan(utf8("{\"type\":\"room_msg\",\"type\":\"room_msg\",\"payload\":{\"room\":\"a\",\"payload\":1}}")));
    }

    @Test
    void leavesMalformedFramesToTheGeneralDecoderWithTheSameError() {
        String[] frames = {
            "{\"type\":\"room_msg\",\"payload\":{\"room\":\"r\",\"payload\":{\"a\":}}}",
            "{\"type\":\"room_msg\",\"payload\":{\"room\":\"r\"}}",
            "{\"type\":\"room_msg\",\"payload\":{\"payload\":1}}",
            "{\"type\":\"room_msg\",\"payload\":{\"room\":5,\"payload\":1}}",
            "{\"type\":\"room_msg\",\"payload\":{\"room\":\"r\",\"client_id\":7,\"payload\":1}}",
            "{\"type\":\"room_msg\",\"payload\":[]}",
            "{\"type\":\"room_msg\",\"payload\":{\"room\":\"r\",\"payload\":1}} trailing",
            "{\"type\":\"room_msg\",\"payload\":{\"room\":\"r\",\"payload\":1}",
        };
        for (String frame : frames) {
            byte[] bytes = utf8(frame);
            assertNull(scan(bytes), frame);
            ProtocolException general = assertThrows(ProtocolException.class,
                    () -> ProtocolCodec.decodeM2BWithParser(bytes, 0, bytes.length), frame);
            ProtocolException viaCodec = assertThrows(ProtocolException.class, () -> ProtocolCodec.decodeM2B(bytes), frame);
            assertEquals(general.getMessage(), viaCodec.getMessage(), frame);
        }
    }

    @Test
    void refusesAnInvalidClientIdWithTheGeneralDecodersError() {
        byte[] bytes = utf8("{\"type\":\"room_msg\",\"payload\":{\"room\":\"r\",\"client_id\":\"nope\",\"payload\":1}}");
        ProtocolException fast = assertThrows(ProtocolException.class, () -> scan(bytes));
        ProtocolException general = assertThrows(ProtocolException.class,
                () -> ProtocolCodec.decodeM2BWithParser(bytes, 0, bytes.length));
        assertEquals(general.getMessage(), fast.getMessage());
    }

    @Test
    void agreesWithTheGeneralDecoderOnRandomMutations() {
        Random random = new Random(77);
        for (String frame : PLAIN) {
            byte[] original = utf8(frame);
            for (int round = 0; round < 3000; round++) {
                byte[] bytes = Mutations.mutate(original, random);
                M2B fast;
                try {
                    fast = scan(bytes);
                } catch (ProtocolException e) {
                    ProtocolException general = assertThrows(ProtocolException.class,
                            () -> ProtocolCodec.decodeM2BWithParser(bytes, 0, bytes.length));
                    assertEquals(general.getMessage(), e.getMessage());
                    continue;
                }
                if (fast == null) {
                    continue;
                }
                try {
                    assertEquals(ProtocolCodec.decodeM2BWithParser(bytes, 0, bytes.length), fast,
                            () -> new String(bytes, StandardCharsets.ISO_8859_1));
                } catch (ProtocolException e) {
                    fail("fast path accepted what the general decoder refuses (" + e.getMessage() + "): "
                            + new String(bytes, StandardCharsets.ISO_8859_1));
                }
            }
        }
    }
}
