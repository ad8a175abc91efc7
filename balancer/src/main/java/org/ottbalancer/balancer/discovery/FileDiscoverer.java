package org.ottbalancer.balancer.discovery;

import io.netty.channel.EventLoopGroup;
import io.netty.util.concurrent.EventExecutor;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.ottbalancer.protocol.registry.RegistryCodec;
import org.ottbalancer.protocol.registry.RegistryDocument;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code method = "file"}: follows a registry document on disk, written by hand or by the operator
 * (e.g. a mounted ConfigMap), and reports its monoliths with their {@code state} and {@code load}.
 *
 * <p>The file is read at start and then checked every polling interval. It is read again only
 * when its identity (inode), modification time or size changed, and reported only when its
 * content differs from the last read, so an unchanged file costs one {@code stat} per interval.
 * Following the path rather than an open file means an atomic replace (write a temporary file,
 * then rename it over the old one) is seen like any other change, and so is the symlink swap
 * Kubernetes uses for ConfigMap volumes.
 *
 * <p>A missing, unreadable or invalid file is reported through {@link DiscoveryListener#onError}
 * with the reason (for an invalid document, the {@link RegistryCodec}'s message) and the previous
 * set stays in force. The same problem is reported once, not every interval; any change to the
 * file, including its reappearance with the old content, is read and reported again.
 *
 * <p>The document's {@code generation} is not used to discard "stale" files: the file is the only
 * copy this balancer reads, and an operator restoring an older version means it.
 *
 * <p>File access blocks, so it runs on a dedicated daemon thread; results are handed to an event
 * loop of the balancer's group.
 */
final class FileDiscoverer implements Discoverer {
    private static final Logger log = LoggerFactory.getLogger(FileDiscoverer.class);

    /** A registry lists a handful of monoliths; anything this big is the wrong file. */
    static final long MAX_FILE_BYTES = 4L << 20;

    private final Path path;
    private final Duration pollingInterval;
    private final EventLoopGroup group;

    private ScheduledExecutorService reader;
    private ListenerDispatcher dispatcher;
    private boolean closed;

    // Touched only by the reader thread.
    private FileStamp lastStamp;
    private byte[] lastContent;
    private String lastProblem;

    FileDiscoverer(Path path, Duration pollingInterval, EventLoopGroup group) {
        this.path = Objects.requireNonNull(path, "path");
        this.pollingInterval = Objects.requireNonNull(pollingInterval, "pollingInterval");
        if (pollingInterval.isNegative() || pollingInterval.isZero()) {
            throw new IllegalArgumentException("file discovery: polling_interval must be positive, got " + pollingInterval);
        }
        this.group = Objects.requireNonNull(group, "group");
    }

    @Override
    public synchronized void start(DiscoveryListener listener) {
        if (dispatcher != null || closed) {
            throw new IllegalStateException("file discovery already started or closed");
        }
        EventExecutor loop = group.next();
        dispatcher = new ListenerDispatcher(listener, loop, "file");
        reader = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread t = new Thread(runnable, "ott-discovery-file");
            t.setDaemon(true);
            return t;
        });
        reader.scheduleWithFixedDelay(this::check, 0, pollingInterval.toNanos(), TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized void close() {
        closed = true;
        if (dispatcher != null) {
            dispatcher.stop();
            reader.shutdownNow();
        }
    }

    private void check() {
        // An exception escaping a scheduleWithFixedDelay task cancels all later runs.
        try {
            checkOnce();
        } catch (RuntimeException e) {
            problem("unexpected failure while reading registry file " + path + ": " + e, e);
        }
    }

    private void checkOnce() {
        FileStamp stamp;
        try {
            stamp = FileStamp.of(path);
        } catch (NoSuchFileException e) {
            problem("registry file " + path + " does not exist", e);
            return;
        } catch (IOException e) {
            problem("cannot inspect registry file " + path + ": " + e, e);
            return;
        }
        if (stamp.equals(lastStamp)) {
            return;
        }
        if (stamp.size() > MAX_FILE_BYTES) {
            problem("registry file " + path + " is " + stamp.size() + " bytes, more than the "
                    + MAX_FILE_BYTES + " byte limit for a registry document", null);
            return;
        }
        byte[] content;
        try {
            content = Files.readAllBytes(path);
        } catch (NoSuchFileException e) {
            problem("registry file " + path + " does not exist", e);
            return;
        } catch (IOException e) {
            problem("cannot read registry file " + path + ": " + e, e);
            return;
        }
        // Recorded even if the content turns out invalid: that content is reported once, not every poll.
        lastStamp = stamp;
        if (lastProblem == null && Arrays.equals(content, lastContent)) {
            return;
        }
        lastContent = content;
        RegistryDocument doc;
        try {
            doc = RegistryCodec.parse(new String(content, StandardCharsets.UTF_8));
        } catch (RegistryCodec.InvalidRegistryException e) {
            problem("registry file " + path + ": " + e.getMessage(), e);
            return;
        }
        lastProblem = null;
        log.debug("registry file {} generation {} lists {} monolith(s)", path, doc.generation(), doc.monoliths().size());
        dispatcher.monoliths(doc.monoliths());
    }

    /**
     * Reports a problem unless it is the one reported last. Forgets the last stamp so that the
     * file is read afresh as soon as it is back, even if it comes back unchanged.
     */
    private void problem(String description, Throwable cause) {
        if (!(cause instanceof RegistryCodec.InvalidRegistryException)) {
            lastStamp = null;
        }
        if (description.equals(lastProblem)) {
            return;
        }
        lastProblem = description;
        dispatcher.error(description, cause);
    }

    /** What identifies one version of the file without reading it. */
    private record FileStamp(Object fileKey, FileTime modified, long size) {
        static FileStamp of(Path path) throws IOException {
            BasicFileAttributes attrs = Files.readAttributes(path, BasicFileAttributes.class);
            return new FileStamp(attrs.fileKey(), attrs.lastModifiedTime(), attrs.size());
        }
    }
}
