package org.ottbalancer.balancer.discovery;

import org.ottbalancer.balancer.net.Transport;
import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.resolver.ResolvedAddressTypes;
import io.netty.resolver.dns.DnsNameResolver;
import io.netty.resolver.dns.DnsNameResolverBuilder;
import io.netty.resolver.dns.DnsServerAddressStreamProviders;
import io.netty.resolver.dns.NoopAuthoritativeDnsServerCache;
import io.netty.resolver.dns.NoopDnsCache;
import io.netty.resolver.dns.NoopDnsCnameCache;
import io.netty.resolver.dns.SingletonDnsServerAddressStreamProvider;
import io.netty.util.NetUtil;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ScheduledFuture;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.ottbalancer.protocol.registry.MonolithEntry;

/**
 * Polls the address records of one DNS name and reports every address as a monolith on the
 * service port ({@code method = "dns"}, spec §6.3, and, with AAAA records, {@code method = "fly"},
 * §6.4).
 *
 * <p>Every poll asks the name server afresh: the resolver's caches are disabled because DNS
 * membership <em>is</em> the monolith list, and a cached answer would hide monoliths that joined
 * or left until the record's TTL ran out. The hosts file is not consulted either, since it would
 * shadow the record set with a single static address.
 *
 * <p>A successful lookup is reported and the next one follows after the polling interval. A failed
 * lookup, including a name with no records of the wanted type, is reported through
 * {@link DiscoveryListener#onError} (the previous set stays in force) and retried after 5 s
 * instead of the polling interval (spec §6.1).
 *
 * <p>All lookups and timers run on one event loop of the balancer's group; nothing here blocks.
 */
final class DnsDiscoverer implements Discoverer {
    /** How long to wait after a failed lookup before trying again (spec §6.1). */
    static final Duration ERROR_RETRY_DELAY = Duration.ofSeconds(5);

    /** Which address records to ask for. */
    enum RecordType {
        /** IPv4 {@code A} records. */
        A(ResolvedAddressTypes.IPV4_ONLY),
        /** IPv6 {@code AAAA} records. */
        AAAA(ResolvedAddressTypes.IPV6_ONLY);

        private final ResolvedAddressTypes addressTypes;

        RecordType(ResolvedAddressTypes addressTypes) {
            this.addressTypes = addressTypes;
        }
    }

    private final String query;
    private final RecordType recordType;
    private final int servicePort;
    private final Optional<InetSocketAddress> nameServer;
    private final Duration pollingInterval;
    private final Duration errorRetryDelay;
    private final EventLoopGroup group;
    private final String source;

    private EventLoop loop;
    private DnsNameResolver resolver;
    private ListenerDispatcher dispatcher;
    private volatile boolean closed;
    private volatile ScheduledFuture<?> nextPoll;

    DnsDiscoverer(String source, String query, RecordType recordType, int servicePort,
            Optional<InetSocketAddress> nameServer, Duration pollingInterval, EventLoopGroup group) {
        this(source, query, recordType, servicePort, nameServer, pollingInterval, ERROR_RETRY_DELAY, group);
    }

    /** As above, with a shorter error retry delay for tests. */
    DnsDiscoverer(String source, String query, RecordType recordType, int servicePort,
            Optional<InetSocketAddress> nameServer, Duration pollingInterval, Duration errorRetryDelay,
            EventLoopGroup group) {
        this.source = Objects.requireNonNull(source, "source");
        this.query = Objects.requireNonNull(query, "query");
        if (query.isBlank()) {
            throw new IllegalArgumentException(source + " discovery: the DNS name to query must not be empty");
        }
        if (servicePort < 1 || servicePort > 65535) {
            throw new IllegalArgumentException(source + " discovery: service_port " + servicePort
                    + " is not in 1..65535");
        }
        this.recordType = Objects.requireNonNull(recordType, "recordType");
        this.servicePort = servicePort;
        this.nameServer = Objects.requireNonNull(nameServer, "nameServer");
        if (nameServer.isPresent() && nameServer.get().isUnresolved()) {
            throw new IllegalArgumentException(source + " discovery: dns_server must be an IP address (optionally"
                    + " with :port), got the unresolved name " + nameServer.get().getHostString());
        }
        this.pollingInterval = positive(pollingInterval, "polling_interval");
        this.errorRetryDelay = positive(errorRetryDelay, "error retry delay");
        this.group = Objects.requireNonNull(group, "group");
    }

    @Override
    public synchronized void start(DiscoveryListener listener) {
        if (dispatcher != null || closed) {
            throw new IllegalStateException(source + " discovery already started or closed");
        }
        loop = group.next();
        dispatcher = new ListenerDispatcher(listener, loop, source);
        resolver = newResolver(loop);
        loop.execute(this::poll);
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (dispatcher == null) {
            return;
        }
        dispatcher.stop();
        ScheduledFuture<?> pending = nextPoll;
        if (pending != null) {
            pending.cancel(false);
        }
        // The resolver's channel belongs to the loop; closing it there avoids racing a poll in flight.
        try {
            loop.execute(resolver::close);
        } catch (RejectedExecutionException e) {
            resolver.close();
        }
    }

    private DnsNameResolver newResolver(EventLoop eventLoop) {
        DnsNameResolverBuilder builder = new DnsNameResolverBuilder(eventLoop)
                .datagramChannelType(Transport.of(group).datagramChannel())
                .resolvedAddressTypes(recordType.addressTypes)
                .resolveCache(NoopDnsCache.INSTANCE)
                .cnameCache(NoopDnsCnameCache.INSTANCE)
                .authoritativeDnsServerCache(NoopAuthoritativeDnsServerCache.INSTANCE)
                .hostsFileEntriesResolver((host, types) -> null);
        if (nameServer.isPresent()) {
            // An explicitly configured server is asked for the name exactly as configured; the
            // host's search domains belong to its own resolver setup, not to that server.
            builder.nameServerProvider(new SingletonDnsServerAddressStreamProvider(nameServer.get()))
                    .searchDomains(List.of());
        } else {
            builder.nameServerProvider(DnsServerAddressStreamProviders.platformDefault());
        }
        return builder.build();
    }

    private void poll() {
        if (closed) {
            return;
        }
        resolver.resolveAll(query).addListener(this::lookupDone);
    }

    private void lookupDone(Future<? super List<InetAddress>> lookup) {
        if (closed) {
            return;
        }
        Duration delay;
        if (lookup.isSuccess()) {
            @SuppressWarnings("unchecked")
            List<InetAddress> addresses = (List<InetAddress>) lookup.getNow();
            dispatcher.monoliths(toMonoliths(addresses));
            delay = pollingInterval;
        } else {
            Throwable cause = lookup.cause();
            dispatcher.error(recordType + " lookup of " + query + describeServer() + " failed: "
                    + cause.getMessage() + "; retrying in " + errorRetryDelay.toMillis() + " ms", cause);
            delay = errorRetryDelay;
        }
        schedule(delay);
    }

    private void schedule(Duration delay) {
        if (closed) {
            return;
        }
        nextPoll = loop.schedule(this::poll, delay.toNanos(), TimeUnit.NANOSECONDS);
        // close() may have run between the check and the assignment; make sure the timer dies.
        if (closed) {
            nextPoll.cancel(false);
        }
    }

    private List<MonolithEntry> toMonoliths(List<InetAddress> addresses) {
        List<MonolithEntry> monoliths = new ArrayList<>(addresses.size());
        for (InetAddress address : addresses) {
            monoliths.add(MonolithEntry.active(NetUtil.toAddressString(address), servicePort));
        }
        return monoliths;
    }

    private String describeServer() {
        return nameServer.map(s -> " at " + s.getHostString() + ":" + s.getPort()).orElse("");
    }

    private static Duration positive(Duration d, String what) {
        Objects.requireNonNull(d, what);
        if (d.isNegative() || d.isZero()) {
            throw new IllegalArgumentException(what + " must be positive, got " + d);
        }
        return d;
    }
}
