package org.ottbalancer.balancer.harness;

/** The server answered a WebSocket upgrade request with something other than 101. */
public final class UpgradeRejectedException extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;
    private final String body;

    public UpgradeRejectedException(int status, String body) {
        super("upgrade rejected with HTTP " + status + ": " + body);
        this.status = status;
        this.body = body;
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }
}
