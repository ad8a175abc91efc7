package org.ottbalancer.monolith.rooms;

/**
 * Shared playback state. {@code position} is the position in seconds at {@code updatedAt} (epoch
 * milliseconds); while {@code playing}, clients extrapolate the current position from those two.
 */
public record Playback(String videoId, double position, boolean playing, long updatedAt) {

    public static Playback initial(long now) {
        return new Playback(null, 0, false, now);
    }

    /** Where playback is at {@code now}. */
    public double positionAt(long now) {
        if (!playing) {
            return position;
        }
        return position + Math.max(0, now - updatedAt) / 1000.0;
    }

    public Playback play(long now) {
        return new Playback(videoId, positionAt(now), true, now);
    }

    public Playback pause(long now) {
        return new Playback(videoId, positionAt(now), false, now);
    }

    public Playback seek(double to, long now) {
        return new Playback(videoId, to, playing, now);
    }

    public Playback withVideo(String id, long now) {
        return new Playback(id, 0, false, now);
    }
}
