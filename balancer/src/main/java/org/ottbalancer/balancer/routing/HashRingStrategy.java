package org.ottbalancer.balancer.routing;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.ottbalancer.protocol.RoomName;

/**
 * Consistent hashing of the lower-cased room name over the candidates (spec §5.3), so that
 * balancers which see the same monoliths put a room on the same monolith without talking to each
 * other, and a monolith joining or leaving moves only about 1/N of the rooms.
 *
 * <p>Each candidate gets {@code weight} virtual nodes keyed by (monolith id, index); a room goes to
 * the first virtual node clockwise from the SipHash-2-4 of its UTF-8 {@link RoomName#key()}.
 * Hashing the key rather than the spelling makes {@code Foo} and {@code foo} one room.
 *
 * <p><b>Not bit-compatible with upstream.</b> Upstream uses the Rust {@code hashring} crate, whose
 * positions come from feeding Rust's {@code Hash} serialisation of its node and key types into a
 * SipHash variant; reproducing that would tie this class to internal encodings of another language's
 * standard library and crate that are not a documented, stable format. Compatibility buys little:
 * correctness never depends on two balancers agreeing, because duplicate placements are settled by
 * load epochs (§5.5). The cost of disagreeing is only that a mixed fleet of Java and Rust balancers
 * creates, and then resolves, duplicates more often. All instances of this class agree with each
 * other, in any process, because the hash key is fixed.
 *
 * <p>Upstream rebuilds the ring on every selection. The result here is the same, but the last ring
 * is kept, keyed by its member ids, and reused while the candidate set is unchanged; the ring is
 * immutable and published through a volatile field, so concurrent callers at worst build it twice.
 */
public final class HashRingStrategy implements SelectionStrategy {

    /**
     * Upper bound on virtual nodes per monolith. Beyond a few hundred the spread does not measurably
     * improve, while a mistyped huge weight would make every ring build allocate without limit.
     */
    public static final int MAX_WEIGHT = 1000;

    /** "ott-bala" / "ncer-rng" as little-endian words: any fixed key works, it only has to never change. */
    private static final SipHash24 HASH = new SipHash24(0x616c61622d74746fL, 0x676e722d7265636eL);

    private final int weight;
    private volatile VirtualNodeRing lastRing;

    /**
     * @param weight virtual nodes per monolith, 1..{@value #MAX_WEIGHT}; the configuration record
     *     already turns upstream's 0 into 1
     */
    public HashRingStrategy(int weight) {
        if (weight < 1 || weight > MAX_WEIGHT) {
            throw new IllegalArgumentException(
                    "HashRing weight must be between 1 and " + MAX_WEIGHT + ", got " + weight);
        }
        this.weight = weight;
    }

    public int weight() {
        return weight;
    }

    @Override
    public <C extends Candidate> Optional<C> select(RoomName room, List<C> candidates) {
        Objects.requireNonNull(room, "room");
        Objects.requireNonNull(candidates, "candidates");
        if (candidates.isEmpty()) {
            return Optional.empty();
        }
        long position = positionOf(room);
        C chosen = withId(candidates, ringFor(candidates).ownerOf(position));
        if (chosen == null) {
            // Only possible when the list repeats an id, which fooled the cheap cache check into
            // reusing a ring with a member that is not in the list: build the exact ring instead.
            chosen = withId(candidates, rebuild(candidates).ownerOf(position));
        }
        return Optional.of(chosen);
    }

    /** The ring for these candidates: the cached one if its members match, else a new one that replaces it. */
    VirtualNodeRing ringFor(List<? extends Candidate> candidates) {
        VirtualNodeRing cached = lastRing;
        if (cached != null && cached.hasMembers(candidates)) {
            return cached;
        }
        return rebuild(candidates);
    }

    private VirtualNodeRing rebuild(List<? extends Candidate> candidates) {
        Set<UUID> ids = new LinkedHashSet<>();
        for (Candidate candidate : candidates) {
            ids.add(Objects.requireNonNull(candidate.id(), "candidate id"));
        }
        VirtualNodeRing ring = VirtualNodeRing.build(ids, weight, HASH);
        lastRing = ring;
        return ring;
    }

    private static long positionOf(RoomName room) {
        return HASH.hash(room.key().getBytes(StandardCharsets.UTF_8));
    }

    private static <C extends Candidate> C withId(List<C> candidates, UUID id) {
        for (C candidate : candidates) {
            if (candidate.id().equals(id)) {
                return candidate;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return "HashRing(weight=" + weight + ")";
    }
}
