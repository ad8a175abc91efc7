package org.ottbalancer.balancer.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * An immutable consistent-hash ring: every member monolith owns {@code weight} points on a circle of
 * unsigned 64-bit positions, and a key belongs to the owner of the first point at or clockwise after
 * the key's position.
 *
 * <p>Point positions depend only on (monolith id, index), never on the other members, which is
 * what makes the ring consistent: removing a member only reassigns the keys it owned, and adding one
 * only takes keys over from the others.
 */
final class VirtualNodeRing {
    private final Set<UUID> members;
    private final long[] points;
    private final UUID[] owners;

    private VirtualNodeRing(Set<UUID> members, long[] points, UUID[] owners) {
        this.members = members;
        this.points = points;
        this.owners = owners;
    }

    /**
     * Builds the ring for distinct, non-empty {@code memberIds}.
     *
     * <p>Ties between equal positions (vanishingly rare with 64 bits) are broken by monolith id so
     * that the ring does not depend on the order the members were given in.
     */
    static VirtualNodeRing build(Collection<UUID> memberIds, int weight, SipHash24 hash) {
        if (memberIds.isEmpty()) {
            throw new IllegalArgumentException("a hash ring needs at least one member");
        }
        List<Node> nodes = new ArrayList<>(memberIds.size() * weight);
        byte[] nodeKey = new byte[20];
        for (UUID id : memberIds) {
            for (int index = 0; index < weight; index++) {
                nodes.add(new Node(hash.hash(virtualNodeKey(id, index, nodeKey)), id));
            }
        }
        nodes.sort(null);
        long[] points = new long[nodes.size()];
        UUID[] owners = new UUID[nodes.size()];
        for (int i = 0; i < points.length; i++) {
            points[i] = nodes.get(i).point();
            owners[i] = nodes.get(i).owner();
        }
        return new VirtualNodeRing(Set.copyOf(memberIds), points, owners);
    }

    /** The 20 bytes hashed for one virtual node: the id's 16 bytes big-endian, then the index big-endian. */
    private static byte[] virtualNodeKey(UUID id, int index, byte[] buffer) {
        putLong(buffer, 0, id.getMostSignificantBits());
        putLong(buffer, 8, id.getLeastSignificantBits());
        buffer[16] = (byte) (index >>> 24);
        buffer[17] = (byte) (index >>> 16);
        buffer[18] = (byte) (index >>> 8);
        buffer[19] = (byte) index;
        return buffer;
    }

    private static void putLong(byte[] buffer, int offset, long value) {
        for (int i = 7; i >= 0; i--) {
            buffer[offset + i] = (byte) value;
            value >>>= 8;
        }
    }

    /** Whether the candidates' ids are exactly this ring's members (assuming the candidates' ids are distinct). */
    boolean hasMembers(List<? extends Candidate> candidates) {
        if (candidates.size() != members.size()) {
            return false;
        }
        for (Candidate candidate : candidates) {
            if (!members.contains(candidate.id())) {
                return false;
            }
        }
        return true;
    }

    /** The member owning the first point at or clockwise after {@code position}, wrapping past the top. */
    UUID ownerOf(long position) {
        int low = 0;
        int high = points.length;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (Long.compareUnsigned(points[middle], position) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return owners[low == points.length ? 0 : low];
    }

    /** One virtual node; ordered clockwise by unsigned position, then by owner. */
    private record Node(long point, UUID owner) implements Comparable<Node> {
        @Override
        public int compareTo(Node other) {
            int byPoint = Long.compareUnsigned(point, other.point);
            return byPoint != 0 ? byPoint : owner.compareTo(other.owner);
        }
    }
}
