package org.ottbalancer.bench.target;

/**
 * What the load generator talks to. Every scenario runs against all three so that the balancer's
 * figures can be read relative to the floor (direct) and to the usual alternative (nginx).
 */
public enum TargetKind {
    /** Clients connect straight to the monolith that holds their room: what any proxy adds to. */
    DIRECT("direct"),
    /** nginx routing on the room in the path, the common way to put a proxy in front of monoliths. */
    NGINX("nginx"),
    /** The balancer under test, with manual discovery of the same monoliths. */
    BALANCER("balancer");

    private final String label;

    TargetKind(String label) {
        this.label = label;
    }

    /** The name used on the command line, in log directories and in the report. */
    public String label() {
        return label;
    }

    /** The target named {@code s} on the command line; anything else is a usage error. */
    public static TargetKind fromLabel(String s) {
        for (TargetKind k : values()) {
            if (k.label.equals(s)) {
                return k;
            }
        }
        throw new IllegalArgumentException("unknown target \"" + s + "\" (expected direct, nginx or balancer)");
    }
}
