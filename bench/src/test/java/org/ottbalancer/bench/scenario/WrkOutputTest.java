package org.ottbalancer.bench.scenario;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class WrkOutputTest {
    private static final String REPORT = """
            Running 10s test @ http://127.0.0.1:8080/api/room/http0
              2 threads and 64 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency   635.91us    0.89ms  12.92ms   93.69%
                Req/Sec    56.20k     8.07k   62.00k    86.00%
              Latency Distribution
                 50%  250.00us
                 75%  491.00us
                 90%  700.00us
                 99%    5.00ms
              1117557 requests in 10.00s, 143.45MB read
              Socket errors: connect 0, read 2, write 0, timeout 1
              Non-2xx or 3xx responses: 12
            Requests/sec: 111733.33
            Transfer/sec:     14.34MB
            """;

    @Test
    void readsThroughputPercentilesInMicrosecondsAndErrors() {
        ObjectNode n = WrkOutput.parse(REPORT);
        assertEquals(111733.33, n.path("requests_per_second").asDouble(), 0.001);
        assertEquals(1117557, n.path("requests").asLong());
        assertEquals(635.91, n.path("mean_us").asDouble(), 0.001);
        assertEquals(250.0, n.path("p50_us").asDouble(), 0.001);
        assertEquals(5000.0, n.path("p99_us").asDouble(), 0.001);
        assertEquals(12, n.path("non_2xx").asLong());
        assertEquals(3, n.path("socket_errors").asLong());
    }

    @Test
    void outputWithoutAThroughputLineIsAnError() {
        assertThrows(IllegalArgumentException.class, () -> WrkOutput.parse("unable to connect to 127.0.0.1:1 Connection refused"));
    }
}
