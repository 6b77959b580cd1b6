package org.neuromix.engine.render;

import java.util.List;

import org.neuromix.engine.loudness.LoudnessMeasurement;

/**
 * What a render produced.
 *
 * @param measurement           EBU R128 figures of the written mix
 * @param normalisationGainDb   gain applied before the limiter to reach the target loudness
 * @param limiterReductionDb    the limiter's largest gain reduction
 * @param frames                frames written
 * @param durationSeconds       frames / sample rate
 * @param passes                limiter passes needed to land on the target loudness
 * @param stemFiles             processed stems written (empty without --stems-out)
 * @param notes                 things the user should know (silence, clamped gain)
 */
public record RenderResult(LoudnessMeasurement measurement, double normalisationGainDb, double limiterReductionDb,
                           long frames, double durationSeconds, int passes, List<java.nio.file.Path> stemFiles,
                           List<String> notes) {
}
