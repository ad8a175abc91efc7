package org.ottbalancer.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every JSON example of spec §2.3 (balancer to monolith) and §2.4 (monolith to balancer) decodes to
 * the expected record, and encoding that record decodes to the same record again.
 */
class WireExamplesTest {
    private static final UUID BALANCER = UUID.fromString("6f1c2d7e-0b7a-4a53-9d3e-2b1f7f0a9c11");
    private static final UUID CLIENT = UUID.fromString("0d7c4f0e-5a11-4b6e-9a51-2d0c1f3e7a90");
    private static final UUID MONOLITH = UUID.fromString("2b0e0a52-7a1e-4a64-8d2c-33b5d6b1c0aa");

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static B2M b2m(String json, B2M expected) {
        B2M decoded = ProtocolCodec.decodeB2M(utf8(json));
        assertEquals(expected, decoded);
        assertEquals(decoded, ProtocolCodec.decodeB2M(ProtocolCodec.encode(decoded)));
        return decoded;
    }

    private static M2B m2b(String json, M2B expected) {
        M2B decoded = ProtocolCodec.decodeM2B(utf8(json));
        assertEquals(expected, decoded);
        assertEquals(decoded, ProtocolCodec.decodeM2B(ProtocolCodec.encode(decoded)));
        return decoded;
    }

    private static RoomMetadata movieNight(int users) {
        return new RoomMetadata(RoomName.of("foo"), RawJson.of("\"Movie night\""), RawJson.of("\"\""), RawJson.of("false"),
                Visibility.PUBLIC, RawJson.of("\"manual\""), RawJson.NULL, RawJson.of(Integer.toString(users)));
    }

    @Test
    void b2mInit() {
        b2m("{\"type\":\"init\",\"payload\":{\"id\":\"6f1c2d7e-0b7a-4a53-9d3e-2b1f7f0a9c11\"}}", new B2M.Init(BALANCER));
    }

    @Test
    void b2mJoinKeepsRoomSpellingAndTokenVerbatim() {
        B2M.Join join = (B2M.Join) b2m(
                "{\"type\":\"join\",\"payload\":{\"room\":\"foo\",\"client\":\"0d7c4f0e-5a11-4b6e-9a51-2d0c1f3e7a90\",\"token\":\"Zt8q...40chars\"}}",
                new B2M.Join(RoomName.of("foo"), CLIENT, "Zt8q...40chars"));
        assertEquals("foo", join.room().value());
        assertEquals("Zt8q...40chars", join.token());
    }

    @Test
    void b2mLeave() {
        b2m("{\"type\":\"leave\",\"payload\":{\"client\":\"0d7c4f0e-5a11-4b6e-9a51-2d0c1f3e7a90\"}}", new B2M.Leave(CLIENT));
    }

    @Test
    void b2mClientMsgEmbedsThePayloadVerbatim() {
        B2M.ClientMsg msg = (B2M.ClientMsg) b2m(
                "{\"type\":\"client_msg\",\"payload\":{\"client_id\":\"0d7c4f0e-5a11-4b6e-9a51-2d0c1f3e7a90\",\"payload\":{\"action\":\"chat\",\"text\":\"hello\"}}}",
                new B2M.ClientMsg(CLIENT, RawJson.of("{\"action\":\"chat\",\"text\":\"hello\"}")));
        assertEquals("{\"action\":\"chat\",\"text\":\"hello\"}", msg.payload().text());
    }

    @Test
    void b2mUnload() {
        b2m("{\"type\":\"unload\",\"payload\":{\"room\":\"foo\"}}", new B2M.Unload(RoomName.of("foo")));
    }

    @Test
    void b2mLoad() {
        b2m("{\"type\":\"load\",\"payload\":{\"room\":\"foo\"}}", new B2M.Load(RoomName.of("foo")));
    }

    @Test
    void b2mEncodingHasTheAdjacentlyTaggedShape() {
        assertEquals("{\"type\":\"init\",\"payload\":{\"id\":\"6f1c2d7e-0b7a-4a53-9d3e-2b1f7f0a9c11\"}}",
                ProtocolCodec.text(ProtocolCodec.encode(new B2M.Init(BALANCER))));
        assertEquals("{\"type\":\"client_msg\",\"payload\":{\"client_id\":\"0d7c4f0e-5a11-4b6e-9a51-2d0c1f3e7a90\",\"payload\":[1,2]}}",
                ProtocolCodec.text(ProtocolCodec.encode(new B2M.ClientMsg(CLIENT, RawJson.of("[1,2]")))));
    }

    @Test
    void m2bInit() {
        m2b("{\"type\":\"init\",\"payload\":{\"port\":3000,\"region\":\"ewr\",\"id\":\"2b0e0a52-7a1e-4a64-8d2c-33b5d6b1c0aa\"}}",
                new M2B.Init(3000, "ewr", MONOLITH));
    }

    @Test
    void m2bLoaded() {
        m2b("{\"type\":\"loaded\",\"payload\":{\"room\":{\"name\":\"foo\",\"title\":\"Movie night\",\"description\":\"\",\"isTemporary\":false,"
                + "\"visibility\":\"public\",\"queueMode\":\"manual\",\"currentSource\":null,\"users\":0},\"load_epoch\":42}}",
                new M2B.Loaded(movieNight(0), 42));
    }

    @Test
    void m2bUnloaded() {
        m2b("{\"type\":\"unloaded\",\"payload\":{\"name\":\"foo\",\"reason\":\"Keepalive\"}}",
                new M2B.Unloaded(RoomName.of("foo"), UnloadReason.Keepalive));
    }

    @Test
    void m2bGossip() {
        m2b("{\"type\":\"gossip\",\"payload\":{\"rooms\":[{\"room\":{\"name\":\"foo\",\"title\":\"Movie night\",\"description\":\"\","
                + "\"isTemporary\":false,\"visibility\":\"public\",\"queueMode\":\"manual\",\"currentSource\":null,\"users\":3},\"load_epoch\":42}]}}",
                new M2B.Gossip(List.of(new GossipEntry(movieNight(3), 42))));
    }

    @Test
    void m2bGossipWithoutRooms() {
        m2b("{\"type\":\"gossip\",\"payload\":{\"rooms\":[]}}", new M2B.Gossip(List.of()));
    }

    @Test
    void m2bRoomMsgBroadcastWithoutClientId() {
        M2B.RoomMsg msg = (M2B.RoomMsg) m2b(
                "{\"type\":\"room_msg\",\"payload\":{\"room\":\"foo\",\"payload\":{\"action\":\"user\",\"update\":{\"kind\":\"remove\",\"value\":\"0d7c...\"}}}}",
                M2B.RoomMsg.broadcast(RoomName.of("foo"), RawJson.of("{\"action\":\"user\",\"update\":{\"kind\":\"remove\",\"value\":\"0d7c...\"}}")));
        assertEquals(true, msg.isBroadcast());
    }

    @Test
    void m2bRoomMsgBroadcastWithNullClientId() {
        M2B.RoomMsg msg = (M2B.RoomMsg) m2b("{\"type\":\"room_msg\",\"payload\":{\"room\":\"foo\",\"client_id\":null,\"payload\":{}}}",
                new M2B.RoomMsg(RoomName.of("foo"), Optional.empty(), RawJson.of("{}")));
        assertEquals(true, msg.isBroadcast());
    }

    @Test
    void m2bRoomMsgToOneClient() {
        M2B.RoomMsg msg = (M2B.RoomMsg) m2b(
                "{\"type\":\"room_msg\",\"payload\":{\"room\":\"foo\",\"client_id\":\"0d7c4f0e-5a11-4b6e-9a51-2d0c1f3e7a90\","
                        + "\"payload\":{\"action\":\"you\",\"info\":{\"id\":\"0d7c4f0e-5a11-4b6e-9a51-2d0c1f3e7a90\"}}}}",
                M2B.RoomMsg.to(RoomName.of("foo"), CLIENT, RawJson.of("{\"action\":\"you\",\"info\":{\"id\":\"0d7c4f0e-5a11-4b6e-9a51-2d0c1f3e7a90\"}}")));
        assertEquals(Optional.of(CLIENT), msg.clientId());
    }

    @Test
    void m2bKick() {
        m2b("{\"type\":\"kick\",\"payload\":{\"client_id\":\"0d7c4f0e-5a11-4b6e-9a51-2d0c1f3e7a90\",\"reason\":4003}}",
                new M2B.Kick(CLIENT, 4003));
    }

    @Test
    void broadcastRoomMsgIsEncodedWithoutClientIdLikeTheMonolithSendsIt() {
        String text = ProtocolCodec.text(ProtocolCodec.encode(M2B.RoomMsg.broadcast(RoomName.of("foo"), RawJson.of("{}"))));
        assertEquals("{\"type\":\"room_msg\",\"payload\":{\"room\":\"foo\",\"payload\":{}}}", text);
    }
}
