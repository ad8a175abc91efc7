package org.ottbalancer.balancer.harness;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.function.Function;

/**
 * What a mock peer received, in arrival order. Taking an item of one kind leaves items of other kinds
 * in place, so a test can wait for a {@code join} without losing the {@code client_msg} that arrived
 * first.
 */
final class Inbox<E> {
    private final List<E> pending = new ArrayList<>();

    synchronized void add(E item) {
        pending.add(item);
        notifyAll();
    }

    /**
     * Removes and returns the first item {@code matcher} maps to non-null, waiting up to
     * {@code timeout} for it; null when none arrives in time.
     */
    synchronized <T> T take(Function<? super E, T> matcher, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            for (Iterator<E> it = pending.iterator(); it.hasNext(); ) {
                T match = matcher.apply(it.next());
                if (match != null) {
                    it.remove();
                    return match;
                }
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return null;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted while waiting", e);
            }
        }
    }

    /** Everything not yet taken, oldest first. */
    synchronized List<E> snapshot() {
        return List.copyOf(pending);
    }

    synchronized void clear() {
        pending.clear();
    }
}
