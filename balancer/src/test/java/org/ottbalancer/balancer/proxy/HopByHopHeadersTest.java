package org.ottbalancer.balancer.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.codec.http.DefaultHttpHeaders;
import io.netty.handler.codec.http.HttpHeaders;
import java.util.List;
import org.junit.jupiter.api.Test;

class HopByHopHeadersTest {
    @Test
    void headersNamedInConnectionAreDroppedWhateverTheirCase() {
        HttpHeaders from = new DefaultHttpHeaders()
                .add("Connection", "X-One , x-two")
                .add("Connection", "X-Three")
                .add("x-ONE", "1").add("X-Two", "2").add("X-Three", "3").add("X-Four", "4");
        HttpHeaders to = new DefaultHttpHeaders();

        HopByHopHeaders.copyEndToEnd(from, to);

        assertEquals(List.of("X-Four"), to.names().stream().toList());
    }

    @Test
    void fixedHopByHopNamesAreDroppedAndOthersKeptInOrder() {
        HttpHeaders from = new DefaultHttpHeaders()
                .add("Transfer-Encoding", "chunked").add("te", "trailers").add("Set-Cookie", "a=1")
                .add("Proxy-Authenticate", "Basic").add("Set-Cookie", "b=2");
        HttpHeaders to = new DefaultHttpHeaders();

        HopByHopHeaders.copyEndToEnd(from, to);

        assertFalse(to.contains("Transfer-Encoding"));
        assertFalse(to.contains("TE"));
        assertFalse(to.contains("Proxy-Authenticate"));
        assertEquals(List.of("a=1", "b=2"), to.getAll("Set-Cookie"));
        assertTrue(HopByHopHeaders.namesToDrop(from).contains("upgrade"));
    }
}
