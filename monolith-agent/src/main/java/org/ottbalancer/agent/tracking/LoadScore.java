package org.ottbalancer.agent.tracking;

/**
 * The agent's load score, published in its report and used by the operator to compare monoliths
 * (for example to pick the one to drain): {@code users + 4 × rooms + 0.05 × client messages per
 * second} (the rate averaged over the last minute).
 *
 * <p>Why these weights: in OTT the cost of a user is its socket plus a share of every room
 * broadcast, the cost of a room is its in-memory state, timers and periodic saves (worth a few
 * users even when empty), and client messages are mostly cheap player events, so twenty of them a
 * second weigh about one user.
 *
 * <p>With the {@code metrics} load signal the monolith's event-loop lag is added:
 * {@code + 1000 × lag seconds}, one point per millisecond. The counts above estimate the cost of the
 * work; the lag measures its effect, and it also catches costs the link cannot see (big playlists,
 * slow Redis or database calls, garbage collection). An idle Node.js loop lags well under a
 * millisecond to a few, adding a few points at most; at 50 ms users already notice late sync, and
 * 50 points outweigh a dozen rooms, so a struggling monolith reads as busy even when it holds few
 * users.
 */
public final class LoadScore {
    public static final double PER_USER = 1.0;
    public static final double PER_ROOM = 4.0;
    public static final double PER_MESSAGE_PER_SECOND = 0.05;
    public static final double PER_LAG_SECOND = 1000.0;

    private LoadScore() {
    }

    public static double of(int users, int rooms, double clientMessagesPerSecond) {
        return PER_USER * users + PER_ROOM * rooms + PER_MESSAGE_PER_SECOND * clientMessagesPerSecond;
    }

    /** The link score plus the event-loop lag term. */
    public static double withLag(double linkScore, double lagSeconds) {
        return linkScore + PER_LAG_SECOND * lagSeconds;
    }
}
