package org.ottbalancer.protocol;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The fast syntax check may be unsure about anything, but whatever it accepts the Jackson parser
 * must accept too: otherwise a relayed frame that used to be dropped would reach a monolith.
 */
class JsonSyntaxTest {
    private static final String[] WELL_FORMED = {
        "{}", "[]", "0", "-0", "12", "-12.5e+3", "1E-2", "3.25", "true", "false", "null", "\"\"", "\"text\"",
        " \n\t\r{\"a\" : [ 1 , {\"b\":null} ] }\n", "{\"action\":\"chat\",\"text\":\"h\\u00e9llo \\\"q\\\" \\\\ \\/ \\b\\f\\n\\r\\t\"}",
        "\"h\u00e9llo \u20ac \ud83d\ude00\"", "[[[[[[[[[[1]]]]]]]]]]", "{\"\":\"\"}", "[1,2,3,\"x\",{},[],true]",
    };

    private static final String[] MALFORMED = {
        "", "  ", "{", "}", "[1,", "[1,]", "{\"a\":}", "{\"a\" 1}", "{'a':1}", "{a:1}", "01", "-", "1.", ".5", "1e",
        "+1", "NaN", "Infinity", "tru", "nul", "nulll", "truex", "\"unterminated", "\"tab\there\"", "\"\\x\"",
        "\"\\u12g4\"", "[1] ]", "1 2", "{}x", "{\"a\":1,}", "[01]", "// c\n1",
    };

    private static boolean fastAccepts(byte[] bytes) {
        return JsonSyntax.isSingleValue(bytes, 0, bytes.length);
    }

    private static boolean parserAccepts(byte[] bytes) {
        try {
            ProtocolCodec.validateJsonWithParser(bytes, 0, bytes.length);
            return true;
        } catch (ProtocolException e) {
            return false;
        }
    }

    @Test
    void acceptsCommonWellFormedJson() {
        for (String s : WELL_FORMED) {
            assertTrue(fastAccepts(s.getBytes(StandardCharsets.UTF_8)), s);
        }
    }

    @Test
    void isNeverSureAboutMalformedJson() {
        for (String s : MALFORMED) {
            byte[] bytes = s.getBytes(StandardCharsets.UTF_8);
            assertFalse(fastAccepts(bytes), s);
            assertFalse(parserAccepts(bytes), s);
        }
    }

    @Test
    void leavesAByteOrderMarkToTheParser() {
        assertFalse(fastAccepts("\ufeff{}".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void isNeverSureAboutBytesThatAreNotWellFormedUtf8() {
        int[][] sequences = {
            {0xc3, 0x28}, {0xc0, 0x80}, {0xc1, 0xbf}, {0xe0, 0x80, 0x80}, {0xed, 0xa0, 0x80}, {0xf0, 0x80, 0x80, 0x80},
            {0xf4, 0x90, 0x80, 0x80}, {0xf5, 0x80, 0x80, 0x80}, {0x80}, {0xe2, 0x82}, {0xff},
        };
        for (int[] seq : sequences) {
            byte[] bytes = new byte[seq.length + 2];
            bytes[0] = '"';
            for (int i = 0; i < seq.length; i++) {
                bytes[i + 1] = (byte) seq[i];
            }
            bytes[bytes.length - 1] = '"';
            assertFalse(fastAccepts(bytes), java.util.Arrays.toString(seq));
        }
    }

    @Test
    void leavesDeepNestingToTheParser() {
        String deep = "[".repeat(JsonSyntax.MAX_DEPTH + 1) + "]".repeat(JsonSyntax.MAX_DEPTH + 1);
        String allowed = "[".repeat(JsonSyntax.MAX_DEPTH) + "]".repeat(JsonSyntax.MAX_DEPTH);
        assertFalse(fastAccepts(deep.getBytes(StandardCharsets.US_ASCII)));
        assertTrue(fastAccepts(allowed.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void leavesVeryLongNumbersToTheParser() {
        byte[] bytes = "1".repeat(JsonSyntax.MAX_NUMBER_LENGTH + 1).getBytes(StandardCharsets.US_ASCII);
        assertFalse(fastAccepts(bytes));
    }

    @Test
    void acceptsNothingThatTheParserRefusesAmongRandomMutations() {
        Random random = new Random(4242);
        for (String seed : WELL_FORMED) {
            byte[] original = seed.getBytes(StandardCharsets.UTF_8);
            for (int round = 0; round < 3000; round++) {
                byte[] bytes = Mutations.mutate(original, random);
                if (fastAccepts(bytes)) {
                    assertTrue(parserAccepts(bytes), () -> new String(bytes, StandardCharsets.ISO_8859_1));
                }
            }
        }
    }

    @Test
    void validateJsonStillWordsRefusalsThroughTheParser() {
        byte[] bytes = "{\"a\":}".getBytes(StandardCharsets.US_ASCII);
        ProtocolException fast = org.junit.jupiter.api.Assertions.assertThrows(ProtocolException.class,
                () -> ProtocolCodec.validateJson(bytes, 0, bytes.length));
        ProtocolException slow = org.junit.jupiter.api.Assertions.assertThrows(ProtocolException.class,
                () -> ProtocolCodec.validateJsonWithParser(bytes, 0, bytes.length));
        org.junit.jupiter.api.Assertions.assertEquals(slow.getMessage(), fast.getMessage());
        assertDoesNotThrow(() -> ProtocolCodec.validateJson("[1]".getBytes(StandardCharsets.US_ASCII), 0, 3));
    }
}
