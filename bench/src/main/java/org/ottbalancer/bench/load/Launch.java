package org.ottbalancer.bench.load;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import org.HdrHistogram.Histogram;

/**
 * Connects and joins many clients with at most {@code concurrency} joins in flight, and measures
 * how long it took: the join storm, and the set-up of every other scenario.
 */
public final class Launch {

    /** Where client {@code i} connects and which room it joins. */
    public record Spec(URI uri, String room) {
    }

    /**
     * @param joined the clients that received their {@code you} message, in index order
     * @param failed how many did not (refused, closed, timed out)
     * @param elapsedNanos from the first connect to the last join or failure
     * @param joinTimes connect-to-{@code you} times of the joined clients, nanoseconds
     * @param firstFailure a description of one failure, or null
     */
    public record Result(List<BenchClient> joined, int failed, long elapsedNanos, Histogram joinTimes, String firstFailure) {
        public double joinsPerSecond() {
            return elapsedNanos == 0 ? 0 : joined.size() / (elapsedNanos / 1e9);
        }
    }

    private Launch() {
    }

    public static Result run(Swarm swarm, int count, IntFunction<Spec> spec, String token, ClientEvents events,
                             int concurrency, long timeoutMillis) throws InterruptedException {
        Semaphore inFlight = new Semaphore(concurrency);
        CountDownLatch finished = new CountDownLatch(count);
        BenchClient[] clients = new BenchClient[count];
        AtomicInteger failed = new AtomicInteger();
        String[] firstFailure = new String[1];
        Histogram times = new Histogram(TimeUnit.MINUTES.toNanos(5), 3);
        long start = System.nanoTime();
        long deadline = start + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
        for (int i = 0; i < count; i++) {
            long left = deadline - System.nanoTime();
            if (left <= 0 || !inFlight.tryAcquire(left, TimeUnit.NANOSECONDS)) {
                for (int j = i; j < count; j++) {
                    failed.incrementAndGet();
                    finished.countDown();
                }
                synchronized (firstFailure) {
                    if (firstFailure[0] == null) {
                        firstFailure[0] = "launch timed out after " + timeoutMillis + " ms";
                    }
                }
                break;
            }
            Spec s = spec.apply(i);
            BenchClient c = swarm.connect(s.uri(), s.room(), token, events, timeoutMillis);
            clients[i] = c;
            c.joined().whenComplete((ok, err) -> {
                if (err != null) {
                    failed.incrementAndGet();
                    synchronized (firstFailure) {
                        if (firstFailure[0] == null) {
                            firstFailure[0] = err.toString();
                        }
                    }
                } else {
                    synchronized (times) {
                        times.recordValue(Math.min(c.joinNanos(), times.getHighestTrackableValue()));
                    }
                }
                inFlight.release();
                finished.countDown();
            });
        }
        long left = deadline - System.nanoTime();
        boolean all = finished.await(Math.max(0, left), TimeUnit.NANOSECONDS);
        long elapsed = System.nanoTime() - start;
        List<BenchClient> ok = new ArrayList<>();
        List<BenchClient> stragglers = new ArrayList<>();
        for (BenchClient c : clients) {
            if (c == null) {
                continue;
            }
            if (c.joined().isDone() && !c.joined().isCompletedExceptionally()) {
                ok.add(c);
            } else {
                stragglers.add(c);
            }
        }
        int failures = failed.get();
        if (!all) {
            // Joins still pending at the deadline count as failures and are closed.
            failures = count - ok.size();
            Swarm.closeAll(stragglers);
            synchronized (firstFailure) {
                if (firstFailure[0] == null) {
                    firstFailure[0] = stragglers.size() + " joins still pending after " + timeoutMillis + " ms";
                }
            }
        }
        Histogram copy;
        synchronized (times) {
            copy = times.copy();
        }
        return new Result(ok, failures, elapsed, copy, firstFailure[0]);
    }
}
