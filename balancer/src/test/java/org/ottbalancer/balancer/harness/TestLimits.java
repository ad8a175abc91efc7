package org.ottbalancer.balancer.harness;

import java.time.Duration;
import org.ottbalancer.balancer.config.Limits;

/**
 * {@link Limits} with timeouts shortened so that behaviour tests run in seconds, plus withers for the
 * one or two values a test cares about. Anything not set is a short but safe value.
 */
public final class TestLimits {
    private int maxFrameBytes = 1 << 20;
    private int maxHttpBodyBytes = 16 << 20;
    private int clientQueueFrames = 1024;
    private long clientQueueBytes = 4L << 20;
    private long monolithQueueBytes = 16L << 20;
    private Duration monolithSendTimeout = Duration.ofSeconds(1);
    private Duration httpHandshakeTimeout = Duration.ofSeconds(10);
    private Duration authTimeout = Duration.ofMillis(1500);
    private Duration monolithInitTimeout = Duration.ofMillis(1000);
    private Duration reconnectDelay = Duration.ofMillis(100);
    private Duration reconnectMaxDelay = Duration.ofMillis(400);
    private Duration proxyConnectTimeout = Duration.ofSeconds(2);
    private Duration proxyResponseTimeout = Duration.ofSeconds(5);
    private Duration idleTimeout = Duration.ZERO;

    public static TestLimits fast() {
        return new TestLimits();
    }

    public TestLimits maxFrameBytes(int v) {
        maxFrameBytes = v;
        return this;
    }

    public TestLimits clientQueue(int frames, long bytes) {
        clientQueueFrames = frames;
        clientQueueBytes = bytes;
        return this;
    }

    public TestLimits authTimeout(Duration v) {
        authTimeout = v;
        return this;
    }

    public TestLimits monolithInitTimeout(Duration v) {
        monolithInitTimeout = v;
        return this;
    }

    public TestLimits reconnect(Duration first, Duration max) {
        reconnectDelay = first;
        reconnectMaxDelay = max;
        return this;
    }

    public TestLimits proxyTimeouts(Duration connect, Duration response) {
        proxyConnectTimeout = connect;
        proxyResponseTimeout = response;
        return this;
    }

    /** Bytes that may wait for a monolith link, and how long it may stay backed up before eviction. */
    public TestLimits monolithQueue(long bytes, Duration sendTimeout) {
        monolithQueueBytes = bytes;
        monolithSendTimeout = sendTimeout;
        return this;
    }

    /** Time a connection has to send a complete HTTP request head. */
    public TestLimits httpHandshakeTimeout(Duration v) {
        httpHandshakeTimeout = v;
        return this;
    }

    public TestLimits maxHttpBodyBytes(int v) {
        maxHttpBodyBytes = v;
        return this;
    }

    public Limits build() {
        return new Limits(maxFrameBytes, maxHttpBodyBytes, clientQueueFrames, clientQueueBytes, monolithQueueBytes,
                monolithSendTimeout, httpHandshakeTimeout, authTimeout, monolithInitTimeout, reconnectDelay,
                reconnectMaxDelay, proxyConnectTimeout, proxyResponseTimeout, idleTimeout);
    }
}
