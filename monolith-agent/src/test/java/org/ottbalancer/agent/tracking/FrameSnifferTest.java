package org.ottbalancer.agent.tracking;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.ottbalancer.protocol.RoomName;

class FrameSnifferTest {
    private static final String CLIENT = "0d7c4f0e-5a11-4b6e-9a51-2d0c1f3e7a90";

    private static ByteBuf heap(String json) {
        return Unpooled.wrappedBuffer(json.getBytes(StandardCharsets.UTF_8));
    }

    private static ByteBuf direct(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return Unpooled.directBuffer(bytes.length).writeBytes(bytes);
    }

    @Test
    void clientMessageYieldsOnlyItsSender() {
        Sniffed s = FrameSniffer.fromBalancer(heap("{\"type\":\"client_msg\",\"payload\":{\"client_id\":\"" + CLIENT
                + "\",\"payload\":{\"action\":\"chat\"}}}"));
        assertEquals(new Sniffed.ClientMsg(UUID.fromString(CLIENT)), s);
    }

    @Test
    void parsingStopsOnceTheSenderIsKnownSoTheEmbeddedPayloadIsNeverRead() {
        // The embedded payload is cut off: a parser that read it would fail.
        Sniffed s = FrameSniffer.fromBalancer(heap("{\"type\":\"client_msg\",\"payload\":{\"client_id\":\"" + CLIENT
                + "\",\"payload\":{\"action\":\"cha"));
        assertEquals(new Sniffed.ClientMsg(UUID.fromString(CLIENT)), s);
    }

    @Test
    void roomMessagesAreRecognisedFromTheirTypeAlone() {
        assertSame(Sniffed.ROOM_MSG, FrameSniffer.fromMonolith(heap("{\"type\":\"room_msg\",\"payload\":{\"room\":\"fo")));
    }

    @Test
    void payloadBeforeTypeIsReadInASecondPass() {
        Sniffed s = FrameSniffer.fromBalancer(heap("{\"payload\":{\"token\":\"t\",\"client\":\"" + CLIENT
                + "\",\"room\":\"Foo\"},\"type\":\"join\"}"));
        assertEquals(new Sniffed.Join(RoomName.of("foo"), UUID.fromString(CLIENT)), s);
    }

    @Test
    void directBuffersAreReadWithoutMovingTheirReaderIndex() {
        ByteBuf buf = direct("{\"type\":\"leave\",\"payload\":{\"client\":\"" + CLIENT + "\"}}");
        int before = buf.readerIndex();
        assertEquals(new Sniffed.Leave(UUID.fromString(CLIENT)), FrameSniffer.fromBalancer(buf));
        assertEquals(before, buf.readerIndex());
        buf.release();
    }

    @Test
    void loadedYieldsRoomNameAndEpoch() {
        Sniffed s = FrameSniffer.fromMonolith(heap("{\"type\":\"loaded\",\"payload\":{\"room\":{\"name\":\"foo\",\"title\":{\"deep\":[1,2]},"
                + "\"description\":\"\",\"isTemporary\":false,\"visibility\":\"public\",\"queueMode\":\"manual\","
                + "\"currentSource\":null,\"users\":0},\"load_epoch\":42}}"));
        assertEquals(new Sniffed.Loaded(RoomName.of("foo"), 42), s);
    }

    @Test
    void gossipYieldsEveryRoomWithItsEpoch() {
        Sniffed s = FrameSniffer.fromMonolith(heap("{\"type\":\"gossip\",\"payload\":{\"rooms\":["
                + "{\"room\":{\"name\":\"a\",\"users\":3},\"load_epoch\":1},{\"load_epoch\":2,\"room\":{\"name\":\"b\"}}]}}"));
        assertEquals(new Sniffed.Gossip(List.of(new Sniffed.RoomEpoch(RoomName.of("a"), 1),
                new Sniffed.RoomEpoch(RoomName.of("b"), 2))), s);
    }

    @Test
    void gossipWithOneBadEntryIsIgnoredWhole() {
        Sniffed s = FrameSniffer.fromMonolith(heap("{\"type\":\"gossip\",\"payload\":{\"rooms\":["
                + "{\"room\":{\"name\":\"a\"},\"load_epoch\":1},{\"room\":{\"name\":\"b\"}}]}}"));
        assertSame(Sniffed.IGNORED, s);
    }

    @Test
    void initUnloadedAndKickYieldTheirFields() {
        String id = UUID.randomUUID().toString();
        assertEquals(new Sniffed.MonolithInit(id, "ewr"),
                FrameSniffer.fromMonolith(heap("{\"type\":\"init\",\"payload\":{\"port\":3000,\"region\":\"ewr\",\"id\":\"" + id + "\"}}")));
        assertEquals(new Sniffed.Unloaded(RoomName.of("foo")),
                FrameSniffer.fromMonolith(heap("{\"type\":\"unloaded\",\"payload\":{\"name\":\"foo\",\"reason\":\"Commanded\"}}")));
        assertEquals(new Sniffed.Kick(UUID.fromString(CLIENT)),
                FrameSniffer.fromMonolith(heap("{\"type\":\"kick\",\"payload\":{\"client_id\":\"" + CLIENT + "\",\"reason\":1001}}")));
    }

    @Test
    void garbageIsIgnored() {
        for (String garbage : List.of("", "null", "[]", "not json", "{\"type\":1}", "{\"type\":\"join\",\"payload\":7}",
                "{\"type\":\"join\",\"payload\":{\"room\":\"x\",\"client\":\"nope\"}}",
                "{\"type\":\"loaded\",\"payload\":{\"room\":{\"name\":\"x\"},\"load_epoch\":-1}}",
                "{\"type\":\"kick\",\"payload\":{\"client_id\":5}}")) {
            assertSame(Sniffed.IGNORED, FrameSniffer.fromMonolith(heap(garbage)), garbage);
            assertSame(Sniffed.IGNORED, FrameSniffer.fromBalancer(heap(garbage)), garbage);
        }
    }

    @Test
    void messageTypesOfTheOtherDirectionAreNotTracked() {
        assertSame(Sniffed.IGNORED, FrameSniffer.fromMonolith(heap("{\"type\":\"join\",\"payload\":{\"room\":\"x\",\"client\":\"" + CLIENT + "\"}}")));
        assertSame(Sniffed.IGNORED, FrameSniffer.fromBalancer(heap("{\"type\":\"loaded\",\"payload\":{\"room\":{\"name\":\"x\"},\"load_epoch\":1}}")));
    }
}
