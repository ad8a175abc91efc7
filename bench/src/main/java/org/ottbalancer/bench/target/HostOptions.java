package org.ottbalancer.bench.target;

import java.util.ArrayList;
import java.util.List;

/**
 * How to start the monolith host (and the balancer JVM) for one scenario. Rooms are named
 * {@code prefix0 .. prefix(n-1)} and given as {@code prefix:n}.
 *
 * @param monoliths how many monoliths the host runs
 * @param storedRooms rooms created in the shared store only ({@code prefix:n}), or null; they load
 *     wherever their first client joins, as rooms of a real deployment do
 * @param loadedOnFirst rooms created and loaded on the first monolith ({@code prefix:n}), or null;
 *     the drain scenario needs them all in one place before it moves them
 * @param agentToken when not null, a monolith agent runs in front of every monolith with this drain
 *     token, and the balancer links to the agents
 * @param saveDelayMillis the monoliths' (and agents') save delay
 * @param settleMarginMillis the agents' settle margin after the save delay
 * @param balancerJvmArgs extra JVM options of the balancer (Flight Recorder), placed before {@code -jar}
 */
public record HostOptions(int monoliths, String storedRooms, String loadedOnFirst, String agentToken,
                          long saveDelayMillis, long settleMarginMillis, List<String> balancerJvmArgs) {

    /** {@code rooms} stored rooms named {@code prefix0..}, no agents, default delays: what most scenarios need. */
    public static HostOptions stored(int monoliths, String prefix, int rooms) {
        return new HostOptions(monoliths, prefix + ":" + rooms, null, null, 5000, 2000, List.of());
    }

    /** These options with {@code args} appended to the balancer's JVM options. */
    public HostOptions withBalancerJvmArgs(List<String> args) {
        List<String> all = new ArrayList<>(balancerJvmArgs);
        all.addAll(args);
        return new HostOptions(monoliths, storedRooms, loadedOnFirst, agentToken, saveDelayMillis, settleMarginMillis,
                List.copyOf(all));
    }

    /** The command-line arguments of {@link MonolithHost} that carry these options. */
    List<String> hostArgs() {
        List<String> a = new ArrayList<>(List.of("--count", Integer.toString(monoliths),
                "--save-delay", Long.toString(saveDelayMillis), "--settle-margin", Long.toString(settleMarginMillis)));
        if (storedRooms != null) {
            a.add("--stored");
            a.add(storedRooms);
        }
        if (loadedOnFirst != null) {
            a.add("--loaded-on-first");
            a.add(loadedOnFirst);
        }
        if (agentToken != null) {
            a.add("--agents");
            a.add(agentToken);
        }
        return a;
    }
}
