package org.ottbalancer.e2e.support;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.IntUnaryOperator;

/**
 * Compares what every user received live with what their room's users sent: each message exactly
 * once, and each sender's messages in the order they were sent.
 *
 * @param pairsChecked (receiver, sender) pairs looked at
 * @param expected messages that should have arrived live
 * @param missing messages that never arrived live
 * @param missingButInHistory of the missing ones, those the receiver saw only in the chat history
 *     of a {@code sync} after re-joining
 * @param missingFromSameBalancer of the missing ones, those whose sender used the receiver's balancer
 * @param duplicates messages that arrived more than once
 * @param outOfOrder messages that arrived after a later message of the same sender
 * @param examples a few concrete cases, for the failure message
 */
public record DeliveryCheck(long pairsChecked, long expected, long missing, long missingButInHistory,
        long missingFromSameBalancer, long duplicates, long outOfOrder, List<String> examples) {

    private static final int MAX_EXAMPLES = 12;

    /**
     * @param usersPerRoom users per room; users {@code r*usersPerRoom ..} are room {@code r}
     * @param sentBefore per sender index: only its messages with a higher seq are checked (0 for all)
     */
    public static DeliveryCheck of(List<ChatUser> users, int usersPerRoom, IntUnaryOperator sentBefore) {
        return of(users, usersPerRoom, sentBefore, u -> true);
    }

    /**
     * As {@link #of(List, int, IntUnaryOperator)}, over the pairs whose receiver and sender are both
     * {@code counted} (e.g. only users whose connection never ended).
     */
    public static DeliveryCheck of(List<ChatUser> users, int usersPerRoom, IntUnaryOperator sentBefore,
            java.util.function.Predicate<ChatUser> counted) {
        long pairs = 0;
        long expected = 0;
        long missing = 0;
        long inHistory = 0;
        long sameBalancer = 0;
        long dups = 0;
        long disorder = 0;
        List<String> examples = new ArrayList<>();
        for (ChatUser receiver : users) {
            if (!counted.test(receiver)) {
                continue;
            }
            int first = receiver.roomIndex() * usersPerRoom;
            for (int p = 0; p < usersPerRoom; p++) {
                ChatUser sender = users.get(first + p);
                if (!counted.test(sender)) {
                    continue;
                }
                int from = sentBefore.applyAsInt(sender.index());
                int last = sender.lastSeqSent();
                pairs++;
                expected += Math.max(0, last - from);
                Set<Integer> seen = new HashSet<>();
                int previous = from;
                for (int seq : receiver.receivedFrom(p)) {
                    if (seq <= from) {
                        continue;
                    }
                    if (!seen.add(seq)) {
                        dups++;
                        example(examples, receiver + " received " + sender.index() + ":" + seq + " twice");
                        continue;
                    }
                    if (seq < previous) {
                        disorder++;
                        example(examples, receiver + " received " + sender.index() + ":" + seq + " after " + sender.index() + ":" + previous);
                    }
                    previous = Math.max(previous, seq);
                }
                int pairMissing = 0;
                int pairInHistory = 0;
                int firstMissing = 0;
                int lastMissing = 0;
                for (int seq = from + 1; seq <= last; seq++) {
                    if (!seen.contains(seq)) {
                        pairMissing++;
                        firstMissing = firstMissing == 0 ? seq : firstMissing;
                        lastMissing = seq;
                        if (receiver.sawInHistory(sender.index(), seq)) {
                            pairInHistory++;
                        }
                    }
                }
                if (pairMissing > 0) {
                    missing += pairMissing;
                    inHistory += pairInHistory;
                    boolean same = sender.balancerPort() == receiver.balancerPort();
                    if (same) {
                        sameBalancer += pairMissing;
                    }
                    example(examples, receiver + " missed " + pairMissing + " live message(s) of user " + sender.index()
                            + " (" + (same ? "same" : "other") + " balancer) between seq " + firstMissing + " and " + lastMissing
                            + ", " + pairInHistory + " of them seen in a later sync's history");
                }
            }
        }
        return new DeliveryCheck(pairs, expected, missing, inHistory, sameBalancer, dups, disorder, examples);
    }

    private static void example(List<String> examples, String s) {
        if (examples.size() < MAX_EXAMPLES) {
            examples.add(s);
        }
    }

    public boolean perfect() {
        return missing == 0 && duplicates == 0 && outOfOrder == 0;
    }

    public String summary() {
        return expected + " expected live deliveries over " + pairsChecked + " receiver/sender pairs: " + missing + " missing ("
                + missingButInHistory + " of them only in a later sync's history, " + missingFromSameBalancer
                + " sent through the receiver's own balancer), " + duplicates + " duplicated, "
                + outOfOrder + " out of order" + (examples.isEmpty() ? "" : "; e.g.\n  " + String.join("\n  ", examples));
    }
}
