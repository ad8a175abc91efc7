package org.ottbalancer.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** What a frame must look like to be accepted (spec §2.1, §2.5, §2.6, §2.7). */
class DecodingRulesTest {
    private static final String CLIENT = "0d7c4f0e-5a11-4b6e-9a51-2d0c1f3e7a90";

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static M2B m2b(String json) {
        return ProtocolCodec.decodeM2B(utf8(json));
    }

    private static String m2bError(String json) {
        return assertThrows(ProtocolException.class, () -> m2b(json)).getMessage();
    }

    private static String loaded(String metadataFields, String epoch) {
        return "{\"type\":\"loaded\",\"payload\":{\"room\":{" + metadataFields + "},\"load_epoch\":" + epoch + "}}";
    }

    private static final String METADATA = "\"name\":\"foo\",\"title\":\"t\",\"description\":\"d\",\"isTemporary\":true,"
            + "\"visibility\":\"unlisted\",\"queueMode\":\"vote\",\"currentSource\":{\"id\":\"x\"},\"users\":2";

    @Test
    void everyUnloadReasonIsAcceptedByItsExactName() {
        for (UnloadReason reason : UnloadReason.values()) {
            M2B.Unloaded m = (M2B.Unloaded) m2b("{\"type\":\"unloaded\",\"payload\":{\"name\":\"foo\",\"reason\":\"" + reason.name() + "\"}}");
            assertEquals(reason, m.reason());
        }
        assertEquals(4, UnloadReason.values().length);
        assertEquals("Keepalive Admin Commanded Shutdown",
                String.join(" ", java.util.Arrays.stream(UnloadReason.values()).map(Enum::name).toArray(String[]::new)));
    }

    @Test
    void unloadReasonWithOtherSpellingIsRejected() {
        for (String bad : new String[] {"keepalive", "KEEPALIVE", "Idle", "", " Admin"}) {
            String message = m2bError("{\"type\":\"unloaded\",\"payload\":{\"name\":\"foo\",\"reason\":\"" + bad + "\"}}");
            assertTrue(message.contains("unload reason"), message);
        }
    }

    @Test
    void unloadReasonThatIsNotAStringIsRejected() {
        assertThrows(ProtocolException.class, () -> m2b("{\"type\":\"unloaded\",\"payload\":{\"name\":\"foo\",\"reason\":1}}"));
    }

    @Test
    void unknownTypeIsRejectedAndNamed() {
        String message = m2bError("{\"type\":\"hello\",\"payload\":{}}");
        assertTrue(message.contains("\"hello\""), message);
        assertThrows(ProtocolException.class, () -> ProtocolCodec.decodeB2M(utf8("{\"type\":\"hello\",\"payload\":{}}")));
    }

    @Test
    void typeIsCaseSensitive() {
        assertThrows(ProtocolException.class, () -> m2b("{\"type\":\"Init\",\"payload\":{\"port\":3000,\"region\":\"ewr\",\"id\":\"" + CLIENT + "\"}}"));
    }

    @Test
    void missingTypeIsRejected() {
        assertTrue(m2bError("{\"payload\":{}}").contains("type"));
    }

    @Test
    void missingPayloadIsRejected() {
        assertTrue(m2bError("{\"type\":\"kick\"}").contains("payload"));
    }

    @Test
    void missingRequiredFieldIsRejectedWithItsName() {
        assertTrue(m2bError("{\"type\":\"init\",\"payload\":{\"port\":3000,\"id\":\"" + CLIENT + "\"}}").contains("`region`"));
        assertTrue(m2bError("{\"type\":\"kick\",\"payload\":{\"client_id\":\"" + CLIENT + "\"}}").contains("`reason`"));
        assertTrue(m2bError("{\"type\":\"room_msg\",\"payload\":{\"room\":\"foo\"}}").contains("`payload`"));
        assertTrue(m2bError(loaded(METADATA, "1").replace(",\"load_epoch\":1", "")).contains("`load_epoch`"));
        String join = assertThrows(ProtocolException.class, () -> ProtocolCodec.decodeB2M(
                utf8("{\"type\":\"join\",\"payload\":{\"room\":\"foo\",\"client\":\"" + CLIENT + "\"}}"))).getMessage();
        assertTrue(join.contains("`token`"), join);
    }

    @Test
    void everyRoomMetadataKeyIsRequired() {
        java.util.Map<String, String> fields = new java.util.LinkedHashMap<>();
        fields.put("name", "\"foo\"");
        fields.put("title", "\"t\"");
        fields.put("description", "\"d\"");
        fields.put("isTemporary", "true");
        fields.put("visibility", "\"public\"");
        fields.put("queueMode", "\"vote\"");
        fields.put("currentSource", "null");
        fields.put("users", "2");
        for (String key : fields.keySet()) {
            StringBuilder without = new StringBuilder();
            fields.forEach((k, v) -> {
                if (!k.equals(key)) {
                    without.append(without.length() == 0 ? "" : ",").append('"').append(k).append("\":").append(v);
                }
            });
            String message = m2bError(loaded(without.toString(), "1"));
            assertTrue(message.contains("`" + key + "`"), key + ": " + message);
        }
    }

    @Test
    void wrongFieldTypeIsRejected() {
        assertThrows(ProtocolException.class, () -> m2b("{\"type\":\"init\",\"payload\":{\"port\":\"3000\",\"region\":\"ewr\",\"id\":\"" + CLIENT + "\"}}"));
        assertThrows(ProtocolException.class, () -> m2b("{\"type\":\"kick\",\"payload\":{\"client_id\":\"not-a-uuid\",\"reason\":4000}}"));
        assertThrows(ProtocolException.class, () -> m2b("{\"type\":\"kick\",\"payload\":{\"client_id\":\"" + CLIENT + "\",\"reason\":70000}}"));
        assertThrows(ProtocolException.class, () -> m2b("{\"type\":\"room_msg\",\"payload\":{\"room\":5,\"payload\":{}}}"));
        assertThrows(ProtocolException.class, () -> m2b("{\"type\":\"gossip\",\"payload\":{\"rooms\":{}}}"));
    }

    @Test
    void roomMetadataKeepsTypedAndUntypedFields() {
        M2B.Loaded m = (M2B.Loaded) m2b(loaded(METADATA, "7"));
        RoomMetadata r = m.room();
        assertEquals("foo", r.name().value());
        assertEquals(Visibility.UNLISTED, r.visibility());
        assertEquals("\"t\"", r.title().text());
        assertEquals("true", r.isTemporary().text());
        assertEquals("{\"id\":\"x\"}", r.currentSource().text());
        assertEquals("2", r.users().text());
        assertEquals(7, m.loadEpoch());
    }

    @Test
    void roomMetadataAcceptsNullForEveryUntypedField() {
        String nulls = "\"name\":\"foo\",\"title\":null,\"description\":null,\"isTemporary\":null,\"visibility\":\"private\","
                + "\"queueMode\":null,\"currentSource\":null,\"users\":null";
        M2B.Loaded m = (M2B.Loaded) m2b(loaded(nulls, "1"));
        RoomMetadata r = m.room();
        for (RawJson v : new RawJson[] {r.title(), r.description(), r.isTemporary(), r.queueMode(), r.currentSource(), r.users()}) {
            assertTrue(v.isNull(), v.text());
            assertEquals(RawJson.NULL, v);
        }
        assertEquals(Visibility.PRIVATE, r.visibility());
        assertEquals(m, ProtocolCodec.decodeM2B(ProtocolCodec.encode(m)));
    }

    @Test
    void roomMetadataRejectsNullOrUnknownVisibilityAndNullName() {
        assertThrows(ProtocolException.class, () -> m2b(loaded(METADATA.replace("\"unlisted\"", "null"), "1")));
        assertThrows(ProtocolException.class, () -> m2b(loaded(METADATA.replace("\"unlisted\"", "\"secret\""), "1")));
        assertThrows(ProtocolException.class, () -> m2b(loaded(METADATA.replace("\"foo\"", "null"), "1")));
    }

    @Test
    void unknownExtraFieldsAreIgnoredAtEveryLevel() {
        M2B m = m2b("{\"extra\":[1,{\"a\":2}],\"type\":\"kick\",\"payload\":{\"client_id\":\"" + CLIENT
                + "\",\"reason\":4005,\"why\":\"spam\",\"nested\":{\"x\":null}},\"v\":2}");
        assertEquals(new M2B.Kick(UUID.fromString(CLIENT), 4005), m);
        M2B.Loaded l = (M2B.Loaded) m2b(loaded(METADATA + ",\"owner\":\"bob\"", "3"));
        assertEquals("foo", l.room().name().value());
    }

    @Test
    void typeMayComeAfterPayload() {
        assertEquals(new M2B.Kick(UUID.fromString(CLIENT), 4000),
                m2b("{\"payload\":{\"reason\":4000,\"client_id\":\"" + CLIENT + "\"},\"type\":\"kick\"}"));
        assertEquals(new B2M.Leave(UUID.fromString(CLIENT)),
                ProtocolCodec.decodeB2M(utf8("{\"payload\":{\"client\":\"" + CLIENT + "\"},\"type\":\"leave\"}")));
    }

    @Test
    void garbageIsRejectedAsProtocolException() {
        byte[][] frames = {
            {},
            utf8("   "),
            utf8("not json"),
            utf8("[1,2,3]"),
            utf8("\"init\""),
            utf8("null"),
            utf8("{\"type\":\"kick\""),
            utf8("{\"type\":\"kick\",\"payload\":{}} trailing"),
            {(byte) 0xff, (byte) 0xfe, 0, 1, 2, 3},
            {0x7b, (byte) 0xc3, 0x28, 0x7d},
            {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'},
        };
        for (byte[] frame : frames) {
            assertThrows(ProtocolException.class, () -> ProtocolCodec.decodeM2B(frame), () -> new String(frame, StandardCharsets.ISO_8859_1));
            assertThrows(ProtocolException.class, () -> ProtocolCodec.decodeB2M(frame), () -> new String(frame, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void loadEpochAcceptsTheWholeU32Range() {
        assertEquals(0, ((M2B.Loaded) m2b(loaded(METADATA, "0"))).loadEpoch());
        assertEquals(2147483640L, ((M2B.Loaded) m2b(loaded(METADATA, "2147483640"))).loadEpoch());
        assertEquals(4294967295L, ((M2B.Loaded) m2b(loaded(METADATA, "4294967295"))).loadEpoch());
        assertEquals(LoadEpoch.PLACEHOLDER, 4294967295L);
    }

    @Test
    void loadEpochOutsideU32IsRejected() {
        assertThrows(ProtocolException.class, () -> m2b(loaded(METADATA, "4294967296")));
        assertThrows(ProtocolException.class, () -> m2b(loaded(METADATA, "-1")));
        assertThrows(ProtocolException.class, () -> m2b(loaded(METADATA, "1.5")));
        assertThrows(ProtocolException.class, () -> m2b(loaded(METADATA, "99999999999999999999999")));
        assertThrows(ProtocolException.class, () -> new GossipEntry(((M2B.Loaded) m2b(loaded(METADATA, "1"))).room(), 4294967296L));
    }

    @Test
    void placeholderEpochRoundTrips() {
        M2B.Loaded m = (M2B.Loaded) m2b(loaded(METADATA, "4294967295"));
        assertTrue(ProtocolCodec.text(ProtocolCodec.encode(m)).contains("\"load_epoch\":4294967295"));
        assertEquals(m, ProtocolCodec.decodeM2B(ProtocolCodec.encode(m)));
    }

    @Test
    void initPortMustBeAU16() {
        assertEquals(65535, ((M2B.Init) m2b("{\"type\":\"init\",\"payload\":{\"port\":65535,\"region\":\"r\",\"id\":\"" + CLIENT + "\"}}")).port());
        assertThrows(ProtocolException.class, () -> m2b("{\"type\":\"init\",\"payload\":{\"port\":65536,\"region\":\"r\",\"id\":\"" + CLIENT + "\"}}"));
        assertThrows(ProtocolException.class, () -> m2b("{\"type\":\"init\",\"payload\":{\"port\":-1,\"region\":\"r\",\"id\":\"" + CLIENT + "\"}}"));
    }

    @Test
    void binaryFrameHoldingUtf8JsonDecodesLikeText() {
        byte[] frame = utf8("{\"type\":\"room_msg\",\"payload\":{\"room\":\"f\u00f6\u00f6\",\"payload\":\"\u2603\"}}");
        M2B.RoomMsg m = assertInstanceOf(M2B.RoomMsg.class, ProtocolCodec.decodeM2B(frame));
        assertEquals("f\u00f6\u00f6", m.room().value());
        assertEquals("\"\u2603\"", m.payload().text());
    }
}
