package org.ottbalancer.protocol.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class RegistryCodecTest {

    private static String rejection(String json) {
        return assertThrows(RegistryCodec.InvalidRegistryException.class, () -> RegistryCodec.parse(json)).getMessage();
    }

    private static void assertMentions(String message, String... parts) {
        for (String part : parts) {
            assertTrue(message.contains(part), "\"" + message + "\" should mention " + part);
        }
    }

    @Test
    void writtenDocumentParsesBackEqual() {
        RegistryDocument doc = RegistryDocument.of(7, List.of(
                new MonolithEntry("2b0e0a52-7a1e-4a64-8d2c-33b5d6b1c0aa", "ott-0", "10.0.0.5", 3002, "ewr", MonolithState.DRAINING, 12.5),
                MonolithEntry.active("fd00::7", 3002)));
        assertEquals(doc, RegistryCodec.parse(RegistryCodec.write(doc)));
    }

    @Test
    void parsesAHandWrittenDocument() {
        RegistryDocument doc = RegistryCodec.parse("""
                {"version": 1, "generation": 3, "monoliths": [
                  {"host": "10.0.0.5", "port": 3002, "state": "draining", "region": "ewr", "load": 0.5},
                  {"host": "ott-1.internal", "port": 3003}
                ]}""");
        assertEquals(3, doc.generation());
        assertEquals(new MonolithEntry(null, null, "10.0.0.5", 3002, "ewr", MonolithState.DRAINING, 0.5), doc.monoliths().get(0));
        assertTrue(doc.monoliths().get(0).isDraining());
        assertEquals(MonolithEntry.active("ott-1.internal", 3003), doc.monoliths().get(1));
    }

    @Test
    void absentStateMeansActive() {
        RegistryDocument doc = RegistryCodec.parse("{\"version\":1,\"generation\":1,\"monoliths\":[{\"host\":\"a\",\"port\":1}]}");
        assertEquals(MonolithState.ACTIVE, doc.monoliths().get(0).state());
    }

    @Test
    void writtenDocumentOmitsUnknownOptionalFields() {
        String json = RegistryCodec.write(RegistryDocument.of(1, List.of(MonolithEntry.active("a", 1))));
        assertTrue(!json.contains("null") && !json.contains("\"load\"") && !json.contains("\"pod\""), json);
        assertTrue(json.contains("\"state\" : \"active\"") || json.contains("\"state\":\"active\""), json);
    }

    @Test
    void unknownFieldsAreIgnoredForForwardCompatibility() {
        RegistryDocument doc = RegistryCodec.parse(
                "{\"version\":1,\"generation\":1,\"owner\":\"operator\",\"monoliths\":[{\"host\":\"a\",\"port\":1,\"zone\":\"z1\"}]}");
        assertEquals(List.of(MonolithEntry.active("a", 1)), doc.monoliths());
    }

    @Test
    void endpointBracketsIpv6Literals() {
        assertEquals("[fd00::7]:3002", MonolithEntry.active("fd00::7", 3002).endpoint());
        assertEquals("10.0.0.5:3002", MonolithEntry.active("10.0.0.5", 3002).endpoint());
    }

    @Test
    void badPortIsRejectedWithTheReason() {
        assertMentions(rejection("{\"version\":1,\"generation\":1,\"monoliths\":[{\"host\":\"a\",\"port\":0}]}"), "port 0", "1..65535");
        assertMentions(rejection("{\"version\":1,\"generation\":1,\"monoliths\":[{\"host\":\"a\",\"port\":70000}]}"), "port 70000");
    }

    @Test
    void emptyHostIsRejectedWithTheReason() {
        assertMentions(rejection("{\"version\":1,\"generation\":1,\"monoliths\":[{\"host\":\"\",\"port\":1}]}"), "host must not be empty");
        assertMentions(rejection("{\"version\":1,\"generation\":1,\"monoliths\":[{\"host\":\"  \",\"port\":1}]}"), "host must not be empty");
    }

    @Test
    void missingHostOrPortIsRejected() {
        assertMentions(rejection("{\"version\":1,\"generation\":1,\"monoliths\":[{\"port\":1}]}"), "host");
        assertMentions(rejection("{\"version\":1,\"generation\":1,\"monoliths\":[{\"host\":\"a\"}]}"), "port");
    }

    @Test
    void unknownStateIsRejectedWithTheReason() {
        assertMentions(rejection("{\"version\":1,\"generation\":1,\"monoliths\":[{\"host\":\"a\",\"port\":1,\"state\":\"paused\"}]}"),
                "unknown monolith state \"paused\"", "active or draining");
    }

    @Test
    void duplicateEndpointIsRejected() {
        assertMentions(rejection("{\"version\":1,\"generation\":1,\"monoliths\":[{\"host\":\"a\",\"port\":1},{\"host\":\"a\",\"port\":1,\"state\":\"draining\"}]}"),
                "a:1 more than once");
    }

    @Test
    void sameHostOnDifferentPortsIsAllowed() {
        assertEquals(2, RegistryCodec.parse("{\"version\":1,\"generation\":1,\"monoliths\":[{\"host\":\"a\",\"port\":1},{\"host\":\"a\",\"port\":2}]}")
                .monoliths().size());
    }

    @Test
    void versionNewerThanSupportedIsRejected() {
        assertMentions(rejection("{\"version\":2,\"generation\":1,\"monoliths\":[]}"), "version 2", "newer than the supported version 1");
    }

    @Test
    void missingOrZeroVersionIsRejected() {
        rejection("{\"generation\":1,\"monoliths\":[]}");
        assertMentions(rejection("{\"version\":0,\"generation\":1,\"monoliths\":[]}"), "version");
    }

    @Test
    void negativeLoadIsRejected() {
        assertMentions(rejection("{\"version\":1,\"generation\":1,\"monoliths\":[{\"host\":\"a\",\"port\":1,\"load\":-1}]}"), "load");
    }

    @Test
    void notJsonIsRejected() {
        assertMentions(rejection("monoliths: []"), "invalid registry document");
        assertMentions(rejection(""), "invalid registry document");
        assertMentions(rejection("null"), "invalid registry document");
    }

    @Test
    void absentGenerationMeansZero() {
        assertEquals(0, RegistryCodec.parse("{\"version\":1,\"monoliths\":[]}").generation());
    }

    @Test
    void portGivenAsStringOrFractionIsRejected() {
        rejection("{\"version\":1,\"monoliths\":[{\"host\":\"a\",\"port\":\"3002\"}]}");
        rejection("{\"version\":1,\"monoliths\":[{\"host\":\"a\",\"port\":3002.7}]}");
    }

    @Test
    void nullMonolithIsRejectedNamingItsPosition() {
        assertMentions(rejection("{\"version\":1,\"monoliths\":[null]}"), "monoliths[0]");
    }

    @Test
    void nullHostIsRejectedNamingTheField() {
        assertMentions(rejection("{\"version\":1,\"monoliths\":[{\"host\":null,\"port\":1}]}"), "host");
    }

    @Test
    void hostNamesDifferingOnlyInCaseAreTheSameEndpoint() {
        assertMentions(rejection("{\"version\":1,\"monoliths\":[{\"host\":\"A\",\"port\":1},{\"host\":\"a\",\"port\":1}]}"),
                "more than once");
    }
}
