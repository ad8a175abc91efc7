package org.ottbalancer.bench.load;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PayloadsTest {

    @Test
    void anEchoCarriesItsSendTimeBackToTheReceiver() {
        ByteBuf buf = Payloads.echo(128).encode(ByteBufAllocator.DEFAULT, 123_456_789L);
        try {
            assertEquals(Payloads.Kind.ECHO, Payloads.classify(buf));
            assertEquals(123_456_789L, Payloads.timestamp(buf, Payloads.Kind.ECHO));
        } finally {
            buf.release();
        }
    }

    @Test
    void aBroadcastIsRecognisedAndTimed() {
        ByteBuf buf = Payloads.broadcast(64).encode(ByteBufAllocator.DEFAULT, 0L);
        try {
            assertEquals(Payloads.Kind.BROADCAST, Payloads.classify(buf));
            assertEquals(0L, Payloads.timestamp(buf, Payloads.Kind.BROADCAST));
        } finally {
            buf.release();
        }
    }

    @Test
    void messagesArePaddedToAboutTheRequestedSize() {
        ByteBuf buf = Payloads.echo(128).encode(ByteBufAllocator.DEFAULT, 100_000_000_000_000L);
        try {
            assertEquals(128, buf.readableBytes());
        } finally {
            buf.release();
        }
    }

    @Test
    void theMonolithsYouMessageMarksTheJoinAndAnythingElseIsOther() {
        assertEquals(Payloads.Kind.YOU, Payloads.classify(text("{\"action\":\"you\",\"info\":{\"id\":\"x\"}}")));
        assertEquals(Payloads.Kind.OTHER, Payloads.classify(text("{\"action\":\"error\",\"error\":\"no\"}")));
        assertEquals(Payloads.Kind.OTHER, Payloads.classify(text("{\"action\":\"sync\"}")));
    }

    private static ByteBuf text(String s) {
        return Unpooled.wrappedBuffer(s.getBytes(StandardCharsets.UTF_8));
    }
}
