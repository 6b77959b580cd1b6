package org.neuromix.engine.separation;

import java.util.Locale;

/** The four stems a {@link Separator} produces, in the order of its output (MUSDB18's grouping). */
public enum Stem {
    VOCALS, DRUMS, BASS, OTHER;

    /** Lower-case name: {@code vocals}, {@code drums}, {@code bass}, {@code other}. */
    public String fileStem() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The output file name, e.g. {@code vocals.wav}. */
    public String fileName() {
        return fileStem() + ".wav";
    }
}
