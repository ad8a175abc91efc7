package org.ottbalancer.balancer.routing;

import java.util.Objects;
import java.util.UUID;

/**
 * Who owns a room when monoliths report it (spec §5.5, §5.6, §10 items 2–4, §12.4): the instance
 * with the smaller load epoch is the older one and wins; the other monolith is told to unload.
 *
 * <p>Pure functions of their arguments, so every balancer that sees the same reports reaches the
 * same verdict whatever order they arrive in.
 */
public final class EpochRule {

    private EpochRule() {
    }

    /**
     * Decides what a report of a room by {@code reporter} with {@code reportedEpoch} means, given
     * the room's current mapping.
     *
     * <p>Reports from the monolith the room is mapped to never lead to an unload: a real OTT
     * monolith can hold several copies of one room (concurrent joins made it load the room more than
     * once, each copy stamped with its own epoch), and as it unloads by name an {@code unload} would
     * drop the live copy too. Such a report only refreshes the epoch, keeping the smaller one: the
     * oldest copy is the one that decides duplicates against other monoliths, and taking the minimum
     * does not depend on the order in which the copies' {@code loaded} and {@code gossip} reports
     * arrive, so balancers agree. The placeholder ({@code u32::MAX}) is above every real epoch and
     * therefore always replaced by the first real report, from whichever monolith. When that report
     * comes from another monolith the placeholder's holder is told to unload, as upstream does: it
     * may already be loading the room for the join this balancer sent it.
     *
     * @param existing the room's current mapping, or {@code null} if it has none
     * @param reporter the monolith that sent the report
     * @param reportedEpoch the epoch it reported, an unsigned 32-bit value
     */
    public static EpochDecision decide(RoomLocator existing, UUID reporter, long reportedEpoch) {
        Objects.requireNonNull(reporter, "reporter");
        RoomLocator.requireEpoch(reportedEpoch);
        if (existing == null) {
            return new EpochDecision.Install(new RoomLocator(reporter, reportedEpoch));
        }
        if (existing.isOn(reporter)) {
            long kept = existing.isPlaceholder() ? reportedEpoch : Math.min(existing.epoch(), reportedEpoch);
            return new EpochDecision.Install(new RoomLocator(reporter, kept));
        }
        if (existing.epoch() < reportedEpoch) {
            return new EpochDecision.RejectReported(reporter);
        }
        if (existing.epoch() > reportedEpoch) {
            return new EpochDecision.ReplaceExisting(existing.monolith());
        }
        return new EpochDecision.Conflict();
    }

    /**
     * Whether an {@code unloaded} (or a gossip that no longer lists the room) from {@code reporter}
     * removes the room's mapping: only if the mapping points to the reporter, so that a late
     * {@code unloaded} from a losing duplicate cannot unmap the winner (spec §5.6, §10 item 4).
     */
    public static boolean unloadedUnmaps(RoomLocator existing, UUID reporter) {
        Objects.requireNonNull(reporter, "reporter");
        return existing != null && existing.isOn(reporter);
    }
}
