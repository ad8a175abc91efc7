package org.ottbalancer.monolith.support;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.fail;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.ProtocolCodec;
import org.ottbalancer.protocol.RawJson;
import org.ottbalancer.protocol.RoomName;

/** The balancer's side of a link, for tests: sends B2M, reads M2B. */
public final class TestBalancerLink implements AutoCloseable {
    public static final Duration WAIT = Duration.ofSeconds(5);
    private final TestWebSocket ws;
    public final UUID balancerId = UUID.randomUUID();

    private TestBalancerLink(TestWebSocket ws) {
        this.ws = ws;
    }

    /** Connects without sending init. */
    public static TestBalancerLink connect(int balancingPort) {
        return new TestBalancerLink(TestWebSocket.connect("ws://127.0.0.1:" + balancingPort + "/"));
    }

    /** Connects, reads the monolith's init, sends ours, and reads the first gossip. */
    public static TestBalancerLink handshake(int balancingPort) {
        TestBalancerLink link = connect(balancingPort);
        link.expect(M2B.Init.class);
        link.send(new B2M.Init(link.balancerId));
        link.expect(M2B.Gossip.class);
        return link;
    }

    public void send(B2M message) {
        ws.send(ProtocolCodec.encode(message));
    }

    public void sendRaw(String text) {
        ws.send(text);
    }

    public void join(String room, UUID client, String token) {
        send(new B2M.Join(RoomName.of(room), client, token));
    }

    public void clientMsg(UUID client, String json) {
        send(new B2M.ClientMsg(client, RawJson.of(json)));
    }

    /** The next message, whatever it is. */
    public M2B next() {
        return next(WAIT);
    }

    public M2B next(Duration timeout) {
        return ProtocolCodec.decodeM2B(ws.next(timeout).getBytes(StandardCharsets.UTF_8));
    }

    /** The next message, which must be of type {@code type}. */
    public <T extends M2B> T expect(Class<T> type) {
        return assertInstanceOf(type, next());
    }

    /** The next message of type {@code type}, skipping periodic gossip. */
    public <T extends M2B> T expectSkippingGossip(Class<T> type) {
        while (true) {
            M2B m = next();
            if (type.isInstance(m)) {
                return type.cast(m);
            }
            if (!(m instanceof M2B.Gossip)) {
                fail("expected " + type.getSimpleName() + " but got " + ProtocolCodec.text(ProtocolCodec.encode(m)));
            }
        }
    }

    /** Fails if any non-gossip message arrives within {@code quiet}. */
    public void expectNothingBut(Duration quiet) {
        long deadline = System.nanoTime() + quiet.toNanos();
        while (true) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return;
            }
            String t = ws.poll(Duration.ofNanos(left));
            if (t == null) {
                return;
            }
            M2B m = ProtocolCodec.decodeM2B(t.getBytes(StandardCharsets.UTF_8));
            if (!(m instanceof M2B.Gossip)) {
                fail("expected silence but got " + t);
            }
        }
    }

    /** Fails if anything at all arrives within {@code quiet}. */
    public void expectSilence(Duration quiet) {
        String t = ws.poll(quiet);
        if (t != null) {
            fail("expected silence but got " + t);
        }
    }

    public TestWebSocket.Closed awaitClose(Duration timeout) {
        return ws.awaitClose(timeout);
    }

    public boolean isOpen() {
        return ws.isOpen();
    }

    @Override
    public void close() {
        ws.close();
    }
}
