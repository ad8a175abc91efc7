package org.ottbalancer.balancer.routing;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Rendezvous (highest-random-weight) hashing: each candidate scores {@code hash(room, monolith)}
 * and the highest score wins.
 *
 * <p>Used to pick a moving room's new home. Every balancer that sees the same set of candidates
 * picks the same one without talking to the others, so the clients of one room, spread over many
 * balancers, re-join on one monolith instead of racing each other into duplicates. Removing a
 * candidate only moves the rooms that were on it.
 */
public final class Rendezvous {
    private static final SipHash24 HASH = new SipHash24(0x7a65762d6d6f6f72L, 0x6f6d2d7765742d6bL);

    private Rendezvous() {
    }

    public static <C extends Candidate> Optional<C> pick(String roomKey, List<C> candidates) {
        C best = null;
        long bestScore = 0;
        byte[] room = roomKey.getBytes(StandardCharsets.UTF_8);
        for (C c : candidates) {
            long score = score(room, c.id());
            // Unsigned comparison; ties (astronomically unlikely) go to the smaller id so all agree.
            if (best == null || Long.compareUnsigned(score, bestScore) > 0
                    || (score == bestScore && c.id().compareTo(best.id()) < 0)) {
                best = c;
                bestScore = score;
            }
        }
        return Optional.ofNullable(best);
    }

    private static long score(byte[] room, UUID monolith) {
        byte[] input = new byte[room.length + 16];
        System.arraycopy(room, 0, input, 0, room.length);
        long hi = monolith.getMostSignificantBits();
        long lo = monolith.getLeastSignificantBits();
        for (int i = 0; i < 8; i++) {
            input[room.length + i] = (byte) (hi >>> (56 - 8 * i));
            input[room.length + 8 + i] = (byte) (lo >>> (56 - 8 * i));
        }
        return HASH.hash(input);
    }
}
