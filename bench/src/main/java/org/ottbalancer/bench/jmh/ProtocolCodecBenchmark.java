package org.ottbalancer.bench.jmh;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.ProtocolCodec;

/**
 * The per-message protocol work of the balancer's relay paths: decoding a monolith's
 * {@code room_msg} (the payload is sliced out, not re-serialised), and validating a client's
 * frame as JSON before it is wrapped into {@code client_msg}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ProtocolCodecBenchmark {

    /** Size of the client payload inside the message. */
    @Param({"128", "4096"})
    public int payloadBytes;

    private byte[] roomMsgTargeted;
    private byte[] roomMsgBroadcast;
    private byte[] clientFrame;

    @Setup
    public void setUp() {
        String payload = payload(payloadBytes);
        clientFrame = payload.getBytes(StandardCharsets.UTF_8);
        roomMsgTargeted = ("{\"type\":\"room_msg\",\"payload\":{\"room\":\"bench0\",\"client_id\":\""
                + UUID.randomUUID() + "\",\"payload\":" + payload + "}}").getBytes(StandardCharsets.UTF_8);
        roomMsgBroadcast = ("{\"type\":\"room_msg\",\"payload\":{\"room\":\"bench0\",\"payload\":" + payload + "}}")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A bench-mode echo message of about {@code bytes} bytes, the shape the load generator sends. */
    static String payload(int bytes) {
        StringBuilder pad = new StringBuilder();
        String head = "{\"action\":\"echo\",\"t\":123456789012345,\"pad\":\"";
        while (head.length() + pad.length() + 2 < bytes) {
            pad.append('x');
        }
        return head + pad + "\"}";
    }

    @Benchmark
    public M2B decodeTargetedRoomMsg() {
        return ProtocolCodec.decodeM2B(roomMsgTargeted, 0, roomMsgTargeted.length);
    }

    @Benchmark
    public M2B decodeBroadcastRoomMsg() {
        return ProtocolCodec.decodeM2B(roomMsgBroadcast, 0, roomMsgBroadcast.length);
    }

    @Benchmark
    public byte[] validateClientJson() {
        ProtocolCodec.validateJson(clientFrame, 0, clientFrame.length);
        return clientFrame;
    }
}
