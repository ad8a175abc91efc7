package org.ottbalancer.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** Room names compare ASCII-case-insensitively but keep their spelling (spec §0, §10.1). */
class RoomNameTest {

    @Test
    void namesDifferingOnlyInAsciiCaseAreEqualWithEqualHashes() {
        RoomName upper = RoomName.of("Foo");
        RoomName lower = RoomName.of("foo");
        assertEquals(upper, lower);
        assertEquals(upper.hashCode(), lower.hashCode());
        assertEquals(0, upper.compareTo(lower));
    }

    @Test
    void originalSpellingIsPreserved() {
        assertEquals("MoViE-Night_1", RoomName.of("MoViE-Night_1").value());
        assertEquals("MoViE-Night_1", RoomName.of("MoViE-Night_1").toString());
        assertEquals("movie-night_1", RoomName.of("MoViE-Night_1").key());
    }

    @Test
    void aMapKeyedByOneSpellingIsFoundByAnother() {
        Map<RoomName, String> rooms = new HashMap<>();
        rooms.put(RoomName.of("Foo"), "m1");
        assertEquals("m1", rooms.get(RoomName.of("FOO")));
        rooms.put(RoomName.of("foo"), "m2");
        assertEquals(1, rooms.size());
    }

    @Test
    void onlyAsciiLettersAreFolded() {
        assertNotEquals(RoomName.of("\u00c9t\u00e9"), RoomName.of("\u00e9t\u00e9"));
        assertEquals(RoomName.of("\u00e9T\u00e9"), RoomName.of("\u00e9t\u00e9"));
    }

    @Test
    void differentNamesAreOrderedByTheirFoldedForm() {
        TreeSet<RoomName> set = new TreeSet<>();
        set.add(RoomName.of("b"));
        set.add(RoomName.of("A"));
        set.add(RoomName.of("a"));
        assertEquals(2, set.size());
        assertEquals("A", set.first().value());
    }

    @Test
    void joinEchoesTheSpellingTheClientUsed() {
        B2M.Join join = new B2M.Join(RoomName.of("FooBar"), java.util.UUID.randomUUID(), "t");
        String text = ProtocolCodec.text(ProtocolCodec.encode(join));
        assertEquals(true, text.contains("\"room\":\"FooBar\""), text);
    }
}
