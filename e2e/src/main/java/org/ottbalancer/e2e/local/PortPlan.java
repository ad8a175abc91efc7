package org.ottbalancer.e2e.local;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/**
 * The fixed ports of the local cluster, so that the printed commands stay the same from run to
 * run: monolith {@code i} (1-based) gets HTTP {@code 3100+i}, balancing {@code 3200+i}, agent link
 * {@code 3300+i}, agent HTTP {@code 9100+i} and agent preStop {@code 9200+i}.
 */
public record PortPlan(int balancerPort, List<NodePorts> nodes) {

    /** The ports of one monolith and its agent. */
    public record NodePorts(int number, int monolithHttp, int monolithBalancing, int agentLink, int agentHttp, int agentPrestop) {
    }

    /** A port that is needed and cannot be bound. */
    public static final class PortInUseException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        PortInUseException(String message) {
            super(message);
        }
    }

    public PortPlan {
        nodes = List.copyOf(nodes);
    }

    public static PortPlan of(LocalClusterOptions options) {
        List<NodePorts> nodes = new ArrayList<>();
        for (int i = 1; i <= options.monoliths(); i++) {
            nodes.add(new NodePorts(i, 3100 + i, 3200 + i, 3300 + i, 9100 + i, 9200 + i));
        }
        return new PortPlan(options.balancerPort(), nodes);
    }

    /**
     * Binds each port for a moment, so that a clash is reported before anything starts and names
     * the port and its role rather than surfacing as a bind error deep inside one component.
     *
     * @throws PortInUseException for the first port that cannot be bound
     */
    public void checkFree() {
        check(new InetSocketAddress(balancerPort), "balancer port (--balancer-port)");
        InetAddress loopback = InetAddress.getLoopbackAddress();
        for (NodePorts n : nodes) {
            check(new InetSocketAddress(loopback, n.monolithHttp()), "monolith " + n.number() + " HTTP port");
            check(new InetSocketAddress(loopback, n.monolithBalancing()), "monolith " + n.number() + " balancing port");
            check(new InetSocketAddress(loopback, n.agentLink()), "agent " + n.number() + " link port");
            check(new InetSocketAddress(loopback, n.agentHttp()), "agent " + n.number() + " HTTP port");
            check(new InetSocketAddress(loopback, n.agentPrestop()), "agent " + n.number() + " preStop port");
        }
    }

    private static void check(InetSocketAddress address, String role) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(address);
        } catch (IOException e) {
            throw new PortInUseException("port " + address.getPort() + " (" + role + ") is already in use: " + e.getMessage()
                    + "; stop whatever holds it or choose other ports (see --help)");
        }
    }
}
