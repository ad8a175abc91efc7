package org.ottbalancer.balancer.discovery;

import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.fail;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.ottbalancer.protocol.registry.MonolithEntry;

/** Collects what a discoverer reports, in order, for tests to wait on. */
final class RecordingListener implements DiscoveryListener {
    static final Duration WAIT = Duration.ofSeconds(10);

    sealed interface Event permits Found, Failed {
    }

    record Found(List<MonolithEntry> monoliths) implements Event {
    }

    record Failed(String description, Throwable cause) implements Event {
    }

    private final BlockingQueue<Event> events = new LinkedBlockingQueue<>();

    @Override
    public void onMonoliths(List<MonolithEntry> monoliths) {
        events.add(new Found(monoliths));
    }

    @Override
    public void onError(String description, Throwable cause) {
        events.add(new Failed(description, cause));
    }

    Event next() throws InterruptedException {
        Event e = events.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        if (e == null) {
            fail("nothing reported within " + WAIT);
        }
        return e;
    }

    List<MonolithEntry> nextMonoliths() throws InterruptedException {
        return assertInstanceOf(Found.class, next()).monoliths();
    }

    Failed nextError() throws InterruptedException {
        return assertInstanceOf(Failed.class, next());
    }

    /** Skips reports until one lists exactly {@code expected} (in any order), failing after the wait. */
    void awaitMonoliths(List<MonolithEntry> expected) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        Event last = null;
        while (System.nanoTime() < deadline) {
            Event e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (e instanceof Found found && sameSet(found.monoliths(), expected)) {
                return;
            }
            if (e != null) {
                last = e;
            }
        }
        fail("never reported " + expected + "; last report was " + last);
    }

    /** Skips reports until an error arrives, failing after the wait. */
    Failed awaitError() throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            Event e = events.poll(deadline - System.nanoTime(), TimeUnit.NANOSECONDS);
            if (e instanceof Failed failed) {
                return failed;
            }
        }
        return fail("no error reported within " + WAIT);
    }

    void assertNothingWithin(Duration quiet) throws InterruptedException {
        assertNull(events.poll(quiet.toMillis(), TimeUnit.MILLISECONDS), "unexpected report");
    }

    static boolean sameSet(List<MonolithEntry> a, List<MonolithEntry> b) {
        return a.size() == b.size() && a.containsAll(b);
    }
}
