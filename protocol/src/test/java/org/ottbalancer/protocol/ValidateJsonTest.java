package org.ottbalancer.protocol;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Relayed client frames must be exactly one JSON value of any type (spec §3.4). */
class ValidateJsonTest {
    private static void validate(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        ProtocolCodec.validateJson(bytes, 0, bytes.length);
    }

    @Test
    void acceptsEveryJsonType() {
        for (String value : new String[] {"{}", "{\"a\":[1,{\"b\":null}]}", "[]", "[1,\"2\",true]", "\"text\"", "\"\"",
                "0", "-12", "3.5e-2", "true", "false", "null", " \n{\"action\":\"chat\"}\t "}) {
            assertDoesNotThrow(() -> validate(value), value);
        }
    }

    @Test
    void rejectsTrailingGarbage() {
        for (String value : new String[] {"{} {}", "{}x", "[1] ]", "1 2", "\"a\" \"b\"", "null,", "true false"}) {
            assertThrows(ProtocolException.class, () -> validate(value), value);
        }
    }

    @Test
    void rejectsEmptyAndBlankFrames() {
        assertThrows(ProtocolException.class, () -> validate(""));
        assertThrows(ProtocolException.class, () -> validate("  \n "));
    }

    @Test
    void rejectsMalformedJson() {
        for (String value : new String[] {"{", "{\"a\":}", "[1,", "\"unterminated", "nul", "tru", "{'a':1}", "01", "NaN", "{\"a\" 1}"}) {
            assertThrows(ProtocolException.class, () -> validate(value), value);
        }
    }

    @Test
    void rejectsBytesThatAreNotUtf8() {
        byte[] bytes = {'"', (byte) 0xc3, 0x28, '"'};
        assertThrows(ProtocolException.class, () -> ProtocolCodec.validateJson(bytes, 0, bytes.length));
    }

    @Test
    void checksOnlyTheGivenSpan() {
        byte[] bytes = "garbage[1,2]garbage".getBytes(StandardCharsets.UTF_8);
        assertDoesNotThrow(() -> ProtocolCodec.validateJson(bytes, 7, 5));
    }
}
