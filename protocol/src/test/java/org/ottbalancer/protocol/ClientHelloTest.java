package org.ottbalancer.protocol;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The client's first frame (spec §3.2): auth proceeds, another action is 4004, anything else is 1002. */
class ClientHelloTest {
    private static ClientHello decode(String json) {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        return ProtocolCodec.decodeClientHello(bytes, 0, bytes.length);
    }

    @Test
    void authWithStringTokenCarriesTheTokenVerbatim() {
        assertEquals(new ClientHello.Auth("Zt8q/+=\u00e9"), decode("{\"action\":\"auth\",\"token\":\"Zt8q/+=\\u00e9\"}"));
    }

    @Test
    void otherKeysBesideActionAndTokenAreIgnored() {
        assertEquals(new ClientHello.Auth("t"), decode("{\"token\":\"t\",\"room\":\"foo\",\"action\":\"auth\",\"n\":[1]}"));
    }

    @Test
    void emptyTokenIsStillAnAuthBecauseTheBalancerDoesNotValidateTokens() {
        assertEquals(new ClientHello.Auth(""), decode("{\"action\":\"auth\",\"token\":\"\"}"));
    }

    @Test
    void anotherActionIsReportedWithItsName() {
        assertEquals(new ClientHello.OtherAction("req"), decode("{\"action\":\"req\",\"request\":{\"type\":11}}"));
        assertEquals(new ClientHello.OtherAction("Auth"), decode("{\"action\":\"Auth\",\"token\":\"t\"}"));
    }

    @Test
    void objectWithoutActionIsRejected() {
        assertThrows(ProtocolException.class, () -> decode("{\"token\":\"t\"}"));
        assertThrows(ProtocolException.class, () -> decode("{}"));
    }

    @Test
    void actionThatIsNotAStringIsRejected() {
        assertThrows(ProtocolException.class, () -> decode("{\"action\":1}"));
        assertThrows(ProtocolException.class, () -> decode("{\"action\":null}"));
    }

    @Test
    void authWithoutStringTokenIsRejected() {
        assertThrows(ProtocolException.class, () -> decode("{\"action\":\"auth\"}"));
        assertThrows(ProtocolException.class, () -> decode("{\"action\":\"auth\",\"token\":null}"));
        assertThrows(ProtocolException.class, () -> decode("{\"action\":\"auth\",\"token\":42}"));
        assertThrows(ProtocolException.class, () -> decode("{\"action\":\"auth\",\"token\":{\"t\":1}}"));
    }

    @Test
    void nonJsonAndNonObjectsAreRejected() {
        for (String frame : new String[] {"", "auth", "{\"action\":\"auth\",\"token\":\"t\"", "[\"auth\"]", "\"auth\"", "null",
                "{\"action\":\"auth\",\"token\":\"t\"}{}"}) {
            assertThrows(ProtocolException.class, () -> decode(frame), frame);
        }
    }

    @Test
    void decodesASpanOfALargerBuffer() {
        byte[] bytes = "xx{\"action\":\"auth\",\"token\":\"abc\"}yy".getBytes(StandardCharsets.UTF_8);
        assertEquals(new ClientHello.Auth("abc"), ProtocolCodec.decodeClientHello(bytes, 2, bytes.length - 4));
    }

    @Test
    void encodedAuthDecodesBack() {
        byte[] bytes = ProtocolCodec.encodeAuth("to\"k\\en");
        assertEquals(new ClientHello.Auth("to\"k\\en"), ProtocolCodec.decodeClientHello(bytes, 0, bytes.length));
    }
}
