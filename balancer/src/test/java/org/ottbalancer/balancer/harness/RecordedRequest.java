package org.ottbalancer.balancer.harness;

import java.util.List;
import java.util.Map;

/**
 * An HTTP request as a mock monolith's HTTP server received it.
 *
 * @param headers header names lower-cased, values in arrival order
 */
public record RecordedRequest(String method, String uri, Map<String, List<String>> headers, String body) {

    /** The first value of a header (name matched case-insensitively), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(java.util.Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
