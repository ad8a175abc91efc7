package org.ottbalancer.balancer.harness;

import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The test-only controller of spec §6.5: connects to a balancer's harness discovery port on
 * {@code [::1]} and pushes complete monolith lists as JSON arrays of socket-address strings.
 */
public final class HarnessController implements AutoCloseable {
    private final MockClient link;

    private HarnessController(MockClient link) {
        this.link = link;
    }

    /** Connects, retrying until the balancer's listener accepts or {@code timeout} passes. */
    public static HarnessController connect(int harnessPort, Duration timeout) {
        MockClient[] connected = new MockClient[1];
        Eventually.await(timeout, "harness discovery listener on [::1]:" + harnessPort, () -> {
            try {
                connected[0] = MockClient.to("[::1]", harnessPort).path("/").timeout(Duration.ofSeconds(2)).connect();
                return true;
            } catch (RuntimeException | AssertionError e) {
                return false;
            }
        });
        return new HarnessController(connected[0]);
    }

    /** Pushes the complete monolith list, e.g. {@code ["[::1]:40123","127.0.0.1:3002"]}. */
    public void setMonoliths(List<String> socketAddresses) {
        link.sendText(socketAddresses.stream().map(a -> "\"" + a + "\"").collect(Collectors.joining(",", "[", "]")));
    }

    /** Pushes the given mocks, addressed as {@code 127.0.0.1:<port>}. */
    public void setMonoliths(MockMonolith... monoliths) {
        setMonoliths(java.util.Arrays.stream(monoliths).map(m -> "127.0.0.1:" + m.port()).collect(Collectors.toList()));
    }

    /** Sends any text, for example an unparseable list. */
    public void sendRaw(String text) {
        link.sendText(text);
    }

    @Override
    public void close() {
        link.close();
    }
}
