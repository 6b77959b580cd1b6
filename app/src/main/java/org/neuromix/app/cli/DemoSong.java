package org.neuromix.app.cli;

import java.io.IOException;
import java.nio.file.Path;

import org.neuromix.engine.train.GervillRenderer;
import org.neuromix.engine.train.SyntheticSessions;

/**
 * The synthetic song of {@code neuromix mix --demo}. Kept apart from {@link MixCommand} because it
 * uses the training code, and what uses the training code must not depend on the service's
 * storage, sessions or pipeline (TrainingIsolationTest), which {@code mix --song} does.
 */
final class DemoSong {
    /** Bars of the demo song. */
    private static final int BARS = 32;

    private DemoSong() {
    }

    /** Composes the song of {@code seed} and renders its stems with the pinned bank into {@code folder}. */
    static void write(long seed, Path folder) throws IOException {
        SyntheticSessions.write(seed, BARS, GervillRenderer.pinned(), folder);
    }
}
