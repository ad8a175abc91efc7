package org.ottbalancer.agent.tracking;

import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scrapes the monolith's Prometheus endpoint for its event-loop lag gauge. The scrape is
 * asynchronous on a thread of its own (never a Netty event loop) with a short timeout, and the next
 * one is scheduled only when the previous one ended, so a slow monolith never piles up requests.
 *
 * <p>Between scrapes the last outcome stands: either a lag in seconds or the reason there is none
 * (connection refused, timeout, non-200 status, malformed or missing sample, a value that is not a
 * finite non-negative number). The reason is logged at warn once each time it changes, not at every
 * scrape.
 */
public final class MonolithMetricsProbe implements AutoCloseable {
    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);
    private static final Logger LOG = LoggerFactory.getLogger(MonolithMetricsProbe.class);

    /** The outcome of the last scrape: a lag, or why there is none. */
    private record Reading(OptionalDouble lagSeconds, String failure) {
    }

    private final URI url;
    private final String metric;
    private final Duration timeout;
    private final ScheduledExecutorService executor;
    private final HttpClient client;
    private volatile Reading last = new Reading(OptionalDouble.empty(), "not scraped yet");
    private volatile boolean closed;

    public MonolithMetricsProbe(URI url, String metric, Duration timeout) {
        this.url = Objects.requireNonNull(url, "url");
        this.metric = Objects.requireNonNull(metric, "metric");
        this.timeout = Objects.requireNonNull(timeout, "timeout");
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "agent-metrics-probe");
            t.setDaemon(true);
            return t;
        });
        this.client = HttpClient.newBuilder().connectTimeout(timeout).executor(executor)
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Scrapes now and then {@code interval} after each scrape ended, until {@link #close()}. */
    public void start(Duration interval) {
        executor.execute(() -> scrapeAndReschedule(interval));
    }

    private void scrapeAndReschedule(Duration interval) {
        if (closed) {
            return;
        }
        scrapeOnce().whenComplete((ignored, e) -> {
            try {
                executor.schedule(() -> scrapeAndReschedule(interval), interval.toMillis(), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException stopped) {
                // closed while the scrape ran
            }
        });
    }

    /** One scrape; the future completes (never exceptionally) once its outcome is recorded. */
    public CompletableFuture<Void> scrapeOnce() {
        HttpRequest request = HttpRequest.newBuilder(url).timeout(timeout).header("Accept", "text/plain").GET().build();
        CompletableFuture<HttpResponse<String>> response;
        try {
            response = client.sendAsync(request, HttpResponse.BodyHandlers.ofString());
        } catch (RuntimeException e) {
            record(new Reading(OptionalDouble.empty(), "cannot scrape " + url + ": " + e.getMessage()));
            return CompletableFuture.completedFuture(null);
        }
        return response.handle((r, e) -> {
            record(e == null ? read(r) : new Reading(OptionalDouble.empty(), describe(e)));
            return null;
        });
    }

    private Reading read(HttpResponse<String> response) {
        if (response.statusCode() != 200) {
            return failed("HTTP " + response.statusCode() + " from " + url);
        }
        OptionalDouble sum;
        try {
            sum = PrometheusText.sum(response.body(), metric);
        } catch (PrometheusText.MalformedSampleException e) {
            return failed(url + " served a malformed sample: " + e.getMessage());
        }
        if (sum.isEmpty()) {
            return failed(url + " has no " + metric + " sample");
        }
        double lag = sum.getAsDouble();
        if (Double.isNaN(lag) || Double.isInfinite(lag) || lag < 0) {
            return failed(metric + " at " + url + " is " + lag + ", not a lag in seconds");
        }
        return new Reading(OptionalDouble.of(lag), null);
    }

    private static Reading failed(String why) {
        return new Reading(OptionalDouble.empty(), why);
    }

    private String describe(Throwable e) {
        Throwable cause = e instanceof CompletionException && e.getCause() != null ? e.getCause() : e;
        if (cause instanceof HttpTimeoutException) {
            return "no answer from " + url + " within " + timeout.toMillis() + " ms";
        }
        if (cause instanceof ConnectException) {
            return "cannot connect to " + url;
        }
        return "scrape of " + url + " failed: " + cause;
    }

    private void record(Reading next) {
        Reading previous = last;
        last = next;
        if (Objects.equals(previous.failure(), next.failure())) {
            return;
        }
        if (next.failure() != null) {
            LOG.warn("load signal falls back to the link score: {}", next.failure());
        } else {
            LOG.info("load signal includes the monolith's {} again ({} s)", metric, next.lagSeconds().getAsDouble());
        }
    }

    /** The lag from the last scrape, empty while the agent falls back to the link score. */
    public OptionalDouble lagSeconds() {
        return last.lagSeconds();
    }

    /** Why the last scrape gave no lag, or {@code null} when it did. */
    public String fallbackReason() {
        return last.failure();
    }

    public URI url() {
        return url;
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdownNow();
    }
}
