package org.ottbalancer.bench.scenario;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.ottbalancer.bench.load.BenchClient;
import org.ottbalancer.bench.load.ClientEvents;
import org.ottbalancer.bench.load.LatencyRecorder;

/**
 * The usual listener of a measured phase: latencies of echoes and broadcasts, their counts, and
 * how many clients were closed (by code), which should stay zero.
 */
final class ClientTally implements ClientEvents {
    final LatencyRecorder echoLatency = new LatencyRecorder();
    final LatencyRecorder deliveryLatency = new LatencyRecorder();
    final LongAdder echoes = new LongAdder();
    final LongAdder deliveries = new LongAdder();
    private final Map<Integer, LongAdder> closes = new ConcurrentHashMap<>();
    private volatile boolean expectingCloses;

    @Override
    public void echoed(BenchClient client, long nanos) {
        echoLatency.record(nanos);
        echoes.increment();
    }

    @Override
    public void delivered(BenchClient client, long nanos) {
        deliveryLatency.record(nanos);
        deliveries.increment();
    }

    @Override
    public void closed(BenchClient client, int code) {
        if (!expectingCloses) {
            closes.computeIfAbsent(code, k -> new LongAdder()).increment();
        }
    }

    /** From now on closes are the benchmark's own doing and are not counted. */
    void expectCloses() {
        expectingCloses = true;
    }

    /** Starts a measurement window. */
    void reset() {
        echoLatency.reset();
        deliveryLatency.reset();
        echoes.reset();
        deliveries.reset();
    }

    long unexpectedCloses() {
        return closes.values().stream().mapToLong(LongAdder::sum).sum();
    }

    /** Unexpected closes by code ({@code -1}: the connection ended without a Close frame). */
    ObjectNode closesJson() {
        ObjectNode n = Json.object();
        closes.forEach((code, count) -> n.put(Integer.toString(code), count.sum()));
        return n;
    }
}
