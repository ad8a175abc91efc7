package org.ottbalancer.bench.load;

/** What a scenario hears from its clients; called on the clients' event loops, so keep it cheap. */
public interface ClientEvents {

    /** An echo came back ({@code nanos} after it was sent). */
    default void echoed(BenchClient client, long nanos) {
    }

    /** A room broadcast arrived ({@code nanos} after its sender sent it). */
    default void delivered(BenchClient client, long nanos) {
    }

    /** The connection closed; {@code code} is the Close frame's status, or -1 without one. */
    default void closed(BenchClient client, int code) {
    }

    ClientEvents NONE = new ClientEvents() {
    };
}
