package org.ottbalancer.e2e.kube.workload;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Pod IPs: each pod gets its own loopback address {@code 127.0.0.x}, so pods can use the ports their
 * manifests name (3000, 9090, 8081, ...) side by side, as in separate network namespaces. Addresses
 * are handed out in turn and never reused within a run, so that nobody (a balancer, the operator)
 * who still remembers a dead pod's IP reaches a new pod by mistake.
 */
public final class AddressPool {
    /** 127.0.0.1 stays the host's; 2..9 are for the test's own servers (Redis on 127.0.0.2). */
    static final int FIRST = 10;
    static final int LAST = 254;

    private final AtomicInteger next = new AtomicInteger(FIRST);

    public String acquire() {
        int n = next.getAndIncrement();
        if (n > LAST) {
            throw new IllegalStateException("out of pod addresses: more than " + (LAST - FIRST + 1) + " pods in one run");
        }
        return "127.0.0." + n;
    }
}
