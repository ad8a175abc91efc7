package org.ottbalancer.e2e.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Polls a condition until it holds or a deadline passes (no fixed sleeps in the suites). */
public final class Await {
    private Await() {
    }

    public static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
        until(what, timeout, condition, () -> "");
    }

    /** Fails with {@code what} and the current {@code detail} when the condition never held. */
    public static void until(String what, Duration timeout, BooleanSupplier condition, Supplier<String> detail)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what + " " + detail.get());
            }
            Thread.sleep(50);
        }
    }

    /** As {@link #until(String, Duration, BooleanSupplier)}, looking every {@code every} (for conditions that cost a process, such as kubectl). */
    public static void every(Duration every, String what, Duration timeout, BooleanSupplier condition, Supplier<String> detail)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out after " + timeout.toMillis() + " ms waiting for " + what + " " + detail.get());
            }
            Thread.sleep(every.toMillis());
        }
    }
}
