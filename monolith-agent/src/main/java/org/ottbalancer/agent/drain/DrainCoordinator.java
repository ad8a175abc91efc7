package org.ottbalancer.agent.drain;

import io.micrometer.core.instrument.MeterRegistry;
import io.netty.channel.EventLoopGroup;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.ottbalancer.agent.config.AgentConfig;
import org.ottbalancer.agent.relay.BalancerLinks;
import org.ottbalancer.agent.relay.LinkGreeter;
import org.ottbalancer.agent.relay.MonolithDialer;
import org.ottbalancer.agent.tracking.RoomSetListener;
import org.ottbalancer.agent.tracking.RoomTracker;
import org.ottbalancer.protocol.B2M;
import org.ottbalancer.protocol.M2B;
import org.ottbalancer.protocol.RoomName;
import org.ottbalancer.protocol.agent.DrainReport;
import org.ottbalancer.protocol.agent.DrainRequest;
import org.ottbalancer.protocol.registry.MonolithState;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moves every room off the monolith without losing state.
 *
 * <p>The monolith saves a room only some seconds after it changed and does not save it on a
 * commanded {@code unload}; so each room is first frozen on every balancer ({@code ext_freeze}: they
 * hold its clients' frames and joins), then left alone until it has had no client message for the
 * settle time, then unloaded. Balancers re-join its clients elsewhere when they see {@code unloaded}.
 * A room that does not settle within its window, or whose {@code unloaded} does not come, is
 * unfrozen ({@code ext_unfreeze}) and tried again later. Rooms loaded during the drain are drained
 * too. The drain is {@code done} when the monolith holds no room, {@code failed} when its deadline
 * passes first (every room still frozen is then unfrozen).
 *
 * <p>All drain state lives on one scheduler thread; tracker events and HTTP calls hand work to it.
 * What other threads read (report, phases, state, frozen rooms) is published as immutable snapshots.
 */
public final class DrainCoordinator implements RoomSetListener, LinkGreeter, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(DrainCoordinator.class);
    /** Upper bound between two steps, so that nothing depends on an event arriving. */
    private static final long MAX_STEP_INTERVAL_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

    private final AgentConfig config;
    private final RoomTracker tracker;
    private final BalancerLinks links;
    private final ControlLink control;
    private final MonolithCommands commands;
    private final DrainMeters meters;
    private final ScheduledExecutorService executor;

    private volatile MonolithState state = MonolithState.ACTIVE;
    private volatile DrainReport report = DrainReport.IDLE;
    private volatile Map<RoomName, String> phases = Map.of();
    /** Frozen rooms and when their freeze expires ({@link System#nanoTime()}), for links that connect later. */
    private volatile Map<RoomName, Long> frozen = Map.of();
    private Run current;

    public DrainCoordinator(AgentConfig config, RoomTracker tracker, BalancerLinks links, MonolithDialer dialer,
            EventLoopGroup group, UUID agentId, MeterRegistry registry) {
        this.config = config;
        this.tracker = tracker;
        this.links = links;
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "agent-drain");
            t.setDaemon(true);
            return t;
        });
        this.control = new ControlLink(dialer, group, tracker, agentId, this::poke);
        this.commands = new MonolithCommands(links, control);
        this.meters = new DrainMeters(registry);
        tracker.addListener(this);
    }

    /**
     * Starts a drain, or returns the one running (a second request changes nothing). A finished
     * drain may be followed by a new one, for example to retry after a failure.
     */
    public synchronized CompletableFuture<DrainReport> start(DrainRequest request) {
        if (current != null && !current.future.isDone()) {
            return current.future;
        }
        DrainSettings settings = DrainSettings.of(request, config);
        Run run = new Run(settings);
        current = run;
        state = MonolithState.DRAINING;
        report = run.report(tracker.heldRooms().size());
        LOG.info("drain started: deadline {}, settle {}, concurrency {}", settings.deadline(), settings.settle(),
                settings.concurrency());
        links.broadcast(new M2B.Status(MonolithState.DRAINING));
        executor.execute(() -> run.step());
        return run.future;
    }

    public MonolithState state() {
        return state;
    }

    public DrainReport report() {
        return report;
    }

    /** Drain phase of the rooms being moved ({@code frozen}, {@code unloading}); others are serving. */
    public Map<RoomName, String> phases() {
        return phases;
    }

    /** The future of the drain running now or last, if any. */
    public synchronized CompletableFuture<DrainReport> currentDrain() {
        return current == null ? null : current.future;
    }

    /**
     * Every link is told the monolith's state right after its {@code init}, also while it is
     * active: the announcement is how a balancer learns that an agent prepares this monolith's
     * rooms for moves, so that it may keep clients open when a room leaves (migration mode auto).
     */
    @Override
    public List<M2B> afterInit() {
        if (state != MonolithState.DRAINING) {
            return List.of(new M2B.Status(MonolithState.ACTIVE));
        }
        List<M2B> greetings = new ArrayList<>();
        greetings.add(new M2B.Status(MonolithState.DRAINING));
        long now = System.nanoTime();
        for (Map.Entry<RoomName, Long> e : frozen.entrySet()) {
            long leftMillis = TimeUnit.NANOSECONDS.toMillis(e.getValue() - now);
            if (leftMillis > 0) {
                greetings.add(new M2B.Freeze(e.getKey(), leftMillis));
            }
        }
        return greetings;
    }

    @Override
    public void roomSetChanged() {
        poke();
    }

    @Override
    public void roomUnloaded(RoomName room) {
        Run run = running();
        if (run != null) {
            executor.execute(() -> run.unloaded(room));
        }
    }

    private void poke() {
        Run run = running();
        if (run != null) {
            executor.execute(run::step);
        }
    }

    private synchronized Run running() {
        return current != null && !current.future.isDone() ? current : null;
    }

    @Override
    public void close() {
        control.close();
        executor.shutdownNow();
    }

    /** One drain; every method runs on the drain thread. */
    private final class Run {
        final DrainSettings settings;
        final CompletableFuture<DrainReport> future = new CompletableFuture<>();
        final Instant startedAt = Instant.now();
        final long deadlineNanos;
        final Map<RoomName, RoomMove> moves = new LinkedHashMap<>();
        final Map<RoomName, Long> retryAfter = new HashMap<>();
        int roomsAtStart = -1;
        int moved;
        long longestFreezeNanos;
        ScheduledFuture<?> wakeUp;

        Run(DrainSettings settings) {
            this.settings = settings;
            this.deadlineNanos = System.nanoTime() + settings.deadline().toNanos();
        }

        void unloaded(RoomName room) {
            RoomMove move = moves.get(room);
            if (move != null && move.phase == RoomMove.Phase.UNLOADING) {
                movedOut(move, System.nanoTime());
            }
            step();
        }

        void step() {
            if (future.isDone()) {
                return;
            }
            long now = System.nanoTime();
            Set<RoomName> held = tracker.heldRooms();
            boolean known = tracker.roomSetKnown();
            if (!known && links.anyWithMonolith().isEmpty()) {
                // Nobody relays the monolith's gossip: ask it ourselves, or "no rooms" means nothing.
                control.ensureOpen();
            }
            if (roomsAtStart < 0 && (known || held.size() > 0)) {
                roomsAtStart = held.size();
            }
            forgetRoomsThatLeft(held, now);
            if (held.isEmpty() && (known || control.unreachable())) {
                finish("done", null, now, held);
                return;
            }
            if (now >= deadlineNanos) {
                fail(now, held);
                return;
            }
            long nextWake = Math.min(deadlineNanos, now + MAX_STEP_INTERVAL_NANOS);
            for (RoomMove move : new ArrayList<>(moves.values())) {
                nextWake = Math.min(nextWake, advance(move, now));
            }
            for (RoomName room : candidates(held, now)) {
                if (moves.size() >= settings.concurrency()) {
                    break;
                }
                RoomMove move = freeze(room, now);
                nextWake = Math.min(nextWake, advance(move, now));
            }
            publish(held.size(), now);
            scheduleStep(Math.max(nextWake - now, TimeUnit.MILLISECONDS.toNanos(1)));
        }

        /** Moves a room forward if it can; returns when it next needs a look. */
        private long advance(RoomMove move, long now) {
            if (move.phase == RoomMove.Phase.FROZEN) {
                long last = tracker.lastClientMessageNanos(move.room);
                long quietFor = last == Long.MIN_VALUE ? Long.MAX_VALUE : now - last;
                if (quietFor >= settings.settle().toNanos()) {
                    move.phase = RoomMove.Phase.UNLOADING;
                    move.unloadSentNanos = now;
                    commands.send(new B2M.Unload(move.room));
                    return now + settings.unloadTimeout().toNanos();
                }
                long settleBy = move.frozenAtNanos + settings.settleWindow().toNanos();
                if (now >= settleBy) {
                    giveUp(move, now, "did not settle within " + settings.settleWindow());
                    return now + settings.retryDelay().toNanos();
                }
                return Math.min(last + settings.settle().toNanos(), settleBy);
            }
            long unloadBy = move.unloadSentNanos + settings.unloadTimeout().toNanos();
            if (now >= unloadBy) {
                giveUp(move, now, "no unloaded within " + settings.unloadTimeout());
                return now + settings.retryDelay().toNanos();
            }
            return unloadBy;
        }

        /** Rooms to freeze next: not moving, not waiting for a retry, quietest first. */
        private List<RoomName> candidates(Set<RoomName> held, long now) {
            retryAfter.values().removeIf(at -> at <= now);
            List<RoomName> free = new ArrayList<>();
            for (RoomName room : held) {
                if (!moves.containsKey(room) && !retryAfter.containsKey(room)) {
                    free.add(room);
                }
            }
            free.sort(Comparator.comparingLong(tracker::lastClientMessageNanos));
            return free;
        }

        private RoomMove freeze(RoomName room, long now) {
            Duration deadline = settings.freezeDeadline();
            RoomMove move = new RoomMove(room, now, now + deadline.toNanos());
            moves.put(room, move);
            publishFrozen();
            links.broadcast(new M2B.Freeze(room, deadline.toMillis()));
            return move;
        }

        private void giveUp(RoomMove move, long now, String why) {
            LOG.warn("drain: room {} {}; unfreezing it and trying again later", move.room, why);
            moves.remove(move.room);
            publishFrozen();
            links.broadcast(new M2B.Unfreeze(move.room));
            long frozenFor = now - move.frozenAtNanos;
            longestFreezeNanos = Math.max(longestFreezeNanos, frozenFor);
            meters.failed(Duration.ofNanos(frozenFor));
            retryAfter.put(move.room, now + settings.retryDelay().toNanos());
        }

        private void movedOut(RoomMove move, long now) {
            moves.remove(move.room);
            publishFrozen();
            moved++;
            long frozenFor = now - move.frozenAtNanos;
            longestFreezeNanos = Math.max(longestFreezeNanos, frozenFor);
            meters.moved(Duration.ofNanos(frozenFor));
        }

        /**
         * A room that is no longer held either answered our unload (its {@code unloaded} may have
         * been missed, e.g. replaced by gossip) or went away by itself; balancers learn that from
         * the monolith, so it needs no unfreeze.
         */
        private void forgetRoomsThatLeft(Set<RoomName> held, long now) {
            for (RoomMove move : new ArrayList<>(moves.values())) {
                if (held.contains(move.room)) {
                    continue;
                }
                if (move.phase == RoomMove.Phase.UNLOADING) {
                    movedOut(move, now);
                } else {
                    moves.remove(move.room);
                    publishFrozen();
                }
            }
        }

        private void fail(long now, Set<RoomName> held) {
            for (RoomMove move : new ArrayList<>(moves.values())) {
                links.broadcast(new M2B.Unfreeze(move.room));
                long frozenFor = now - move.frozenAtNanos;
                longestFreezeNanos = Math.max(longestFreezeNanos, frozenFor);
                meters.failed(Duration.ofNanos(frozenFor));
            }
            moves.clear();
            publishFrozen();
            String names = held.stream().limit(5).map(RoomName::value).collect(Collectors.joining(", "));
            finish("failed", "deadline of " + settings.deadline() + " passed with " + held.size() + " room(s) left ("
                    + names + (held.size() > 5 ? ", ..." : "") + ")", now, held);
        }

        private void finish(String phase, String error, long now, Set<RoomName> held) {
            if (wakeUp != null) {
                wakeUp.cancel(false);
            }
            control.close();
            if (links.count() == 0) {
                // The control link was the only source of gossip and it is gone.
                tracker.roomSetStale();
            }
            DrainReport done = new DrainReport(phase, startedAt, Instant.now(), Math.max(roomsAtStart, 0), moved,
                    held.size(), TimeUnit.NANOSECONDS.toMillis(longestFreezeNanos), error);
            report = done;
            phases = Map.of();
            if (error == null) {
                LOG.info("drain done: {} room(s) moved, longest freeze {} ms", moved, done.longestFreezeMillis());
            } else {
                LOG.warn("drain failed: {}", error);
            }
            future.complete(done);
        }

        private void publish(int remaining, long now) {
            long longest = longestFreezeNanos;
            Map<RoomName, String> p = new HashMap<>();
            for (RoomMove move : moves.values()) {
                longest = Math.max(longest, now - move.frozenAtNanos);
                p.put(move.room, move.phase.wire);
            }
            phases = Map.copyOf(p);
            report = new DrainReport("running", startedAt, null, Math.max(roomsAtStart, 0), moved, remaining,
                    TimeUnit.NANOSECONDS.toMillis(longest), null);
        }

        private void publishFrozen() {
            Map<RoomName, Long> f = new HashMap<>();
            for (RoomMove move : moves.values()) {
                f.put(move.room, move.freezeExpiresNanos);
            }
            frozen = Map.copyOf(f);
        }

        private void scheduleStep(long delayNanos) {
            if (wakeUp != null) {
                wakeUp.cancel(false);
            }
            wakeUp = executor.schedule(this::step, delayNanos, TimeUnit.NANOSECONDS);
        }

        DrainReport report(int heldNow) {
            return new DrainReport("running", startedAt, null, heldNow, 0, heldNow, 0, null);
        }
    }
}
