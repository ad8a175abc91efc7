package org.ottbalancer.balancer.harness;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes, instead of sleeping for a guessed time. */
public final class Eventually {
    private static final long POLL_MILLIS = 20;

    private Eventually() {
    }

    /** Waits until {@code condition} is true; fails with {@code description} when {@code timeout} passes. */
    public static void await(Duration timeout, String description, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (true) {
            try {
                if (condition.getAsBoolean()) {
                    return;
                }
            } catch (RuntimeException e) {
                last = e;
            }
            if (System.nanoTime() - deadline >= 0) {
                AssertionError error = new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for: " + description);
                if (last != null) {
                    error.initCause(last);
                }
                throw error;
            }
            pause(POLL_MILLIS);
        }
    }

    /** Polls {@code value} until it returns non-null and returns that value. */
    public static <T> T awaitValue(Duration timeout, String description, Supplier<T> value) {
        Object[] holder = new Object[1];
        await(timeout, description, () -> (holder[0] = value.get()) != null);
        @SuppressWarnings("unchecked")
        T result = (T) holder[0];
        return result;
    }

    /**
     * Lets time pass, for the few tests that must show something does <em>not</em> happen during a
     * period (for example a removed monolith not being re-dialled).
     */
    public static void pauseFor(Duration period) {
        pause(period.toMillis());
    }

    static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting", e);
        }
    }
}
