package org.neuromix.engine.train;

import java.util.List;

/** A composed song: tempo, key, style and its parts, all derived from one seed. */
public record SongScore(long seed, double tempoBpm, int keyRoot, boolean minor, String style, int bars,
                        List<PartScore> parts) {
    public SongScore {
        parts = List.copyOf(parts);
    }

    public double secondsPerBeat() {
        return 60.0 / tempoBpm;
    }

    /** Length of the music in seconds (4/4 bars). */
    public double lengthSeconds() {
        return bars * 4 * secondsPerBeat();
    }
}
