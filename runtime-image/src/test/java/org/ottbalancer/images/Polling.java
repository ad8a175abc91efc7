package org.ottbalancer.images;

final class Polling {
    private static final long PAUSE_MILLIS = 100;

    private Polling() {
    }

    /** The pause between two polls of a condition that has a deadline. */
    static void pause() {
        try {
            Thread.sleep(PAUSE_MILLIS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while polling", e);
        }
    }
}
