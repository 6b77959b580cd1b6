package org.neuromix.engine.train;

import java.io.IOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.progress.ProgressListener;
import org.neuromix.engine.separation.ChunkedSeparation;
import org.neuromix.engine.separation.SeparationMetrics;
import org.neuromix.engine.separation.Separator;
import org.neuromix.engine.separation.Stem;

/**
 * Held-out evaluation of stem separation on synthetic songs. Song {@code k} of seed {@code S} is
 * composed from {@code HELD_OUT_BASE + S·10000 + 5000 + k} (training seeds stay below
 * {@link Evaluation#HELD_OUT_BASE}), every part is rendered clean, and the parts are summed by role
 * into the four references — vocals (lead and backing vocals: the generator's choir), drums (kick,
 * snare, toms, hi-hat and cymbals, overheads, percussion), bass, and other (everything else) — whose
 * sum is the mixture. Each separator runs through {@link ChunkedSeparation} as the CLI does; the
 * "mixture as estimate" baseline gives the mixture for every stem. Scores: BSS Eval v4 SDR (median
 * over one-second windows, then over tracks) and SI-SDR (median over tracks), per stem; see
 * {@link SeparationMetrics}. A track without some group (most songs have no choir) is scored on
 * the groups it has, as museval requires non-silent references.
 */
public final class SeparationEvaluation {
    /** Offset of the separation songs inside a seed's held-out block (the mixing evaluation uses 0..). */
    public static final long SEED_OFFSET = 5_000;
    public static final String MIXTURE = "mixture (baseline)";

    /** One method's per-stem medians, the tracks each was scored on, and its speed. */
    public record MethodScore(String method, Map<Stem, Double> sdrDb, Map<Stem, Double> siSdrDb, Map<Stem, Integer> tracks,
                              double realTimeFactor) {
        /** Mean of the four stems' median SDRs (SiSEC's single figure). */
        public double meanSdrDb() {
            return sdrDb.values().stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN);
        }
    }

    public record Report(int sessions, long seed, int bars, double seconds, List<MethodScore> methods, String soundbank) {
        public MethodScore baseline() {
            return methods.stream().filter(m -> m.method().equals(MIXTURE)).findFirst().orElseThrow();
        }

        public String markdown(String command) {
            StringBuilder text = new StringBuilder();
            MethodScore base = baseline();
            text.append("| method | vocals SDR | drums SDR | bass SDR | other SDR | mean SDR | gain over the mixture |"
                    + " vocals SI-SDR | drums SI-SDR | bass SI-SDR | other SI-SDR | speed |\n"
                    + "|---|---|---|---|---|---|---|---|---|---|---|---|\n");
            for (MethodScore m : methods) {
                text.append("| ").append(m.method());
                for (Stem stem : Stem.values()) {
                    text.append(String.format(Locale.ROOT, " | %.2f", m.sdrDb().get(stem)));
                }
                text.append(String.format(Locale.ROOT, " | **%.2f** | %+.2f", m.meanSdrDb(), m.meanSdrDb() - base.meanSdrDb()));
                for (Stem stem : Stem.values()) {
                    text.append(String.format(Locale.ROOT, " | %.2f", m.siSdrDb().get(stem)));
                }
                text.append(m.method().equals(MIXTURE) ? " | – |\n"
                        : String.format(Locale.ROOT, " | %.1f× real time |%n", m.realTimeFactor()));
            }
            text.append(String.format(Locale.ROOT, "%nSDR and SI-SDR in dB (BSS Eval v4 as museval computes it: median over"
                    + " one-second windows, then over tracks). Tracks scored per stem: vocals %d, drums %d, bass %d, other %d"
                    + " of %d (only songs with a choir have vocals). %d held-out songs of %d bars (%.0f s of audio in all),"
                    + " rendered with %s. Speed: audio seconds per second of separation inside this run (no start-up or"
                    + " file I/O). Command: `%s`%n", base.tracks().get(Stem.VOCALS), base.tracks().get(Stem.DRUMS),
                    base.tracks().get(Stem.BASS), base.tracks().get(Stem.OTHER), sessions, sessions, bars, seconds,
                    soundbank, command));
            return text.toString();
        }
    }

    private SeparationEvaluation() {
    }

    /** The stem a role belongs to in MUSDB18's four-way grouping. */
    public static Stem stemOf(Role role) {
        return switch (role) {
            case LEAD_VOCAL, BACKING_VOCAL -> Stem.VOCALS;
            case KICK, SNARE, TOMS, HI_HAT_CYMBALS, DRUMS_OVERHEADS, PERCUSSION -> Stem.DRUMS;
            case BASS -> Stem.BASS;
            default -> Stem.OTHER;
        };
    }

    /** The four reference stems of a song (all-zero where the song has none), in {@link Stem} order. */
    public static AudioBuffer[] references(SongScore song, GervillRenderer synth) throws IOException {
        AudioBuffer[] groups = new AudioBuffer[Stem.values().length];
        for (PartScore part : song.parts()) {
            AudioBuffer audio = synth.render(song, part);
            int g = stemOf(part.role()).ordinal();
            if (groups[g] == null) {
                groups[g] = new AudioBuffer(2, audio.frames());
            }
            for (int c = 0; c < 2; c++) {
                float[] from = audio.channel(c), to = groups[g].channel(c);
                for (int i = 0; i < Math.min(from.length, to.length); i++) {
                    to[i] += from[i];
                }
            }
        }
        int frames = 0;
        for (AudioBuffer group : groups) {
            frames = Math.max(frames, group == null ? 0 : group.frames());
        }
        for (int g = 0; g < groups.length; g++) {
            if (groups[g] == null) {
                groups[g] = new AudioBuffer(2, frames);
            }
        }
        return groups;
    }

    public static AudioBuffer mixture(AudioBuffer[] stems) {
        AudioBuffer mix = new AudioBuffer(2, stems[0].frames());
        for (AudioBuffer stem : stems) {
            for (int c = 0; c < 2; c++) {
                for (int i = 0; i < mix.frames(); i++) {
                    mix.channel(c)[i] += stem.channel(c)[i];
                }
            }
        }
        return mix;
    }

    public static Report run(int sessions, long seed, int bars, GervillRenderer synth, List<Separator> separators,
                             Consumer<String> progress) throws IOException {
        return run(sessions, seed, bars, synth, separators, progress, ProgressListener.NONE);
    }

    /**
     * As {@link #run(int, long, int, GervillRenderer, List, Consumer)}: {@code progress} gets a line per
     * song, {@code fraction} the share of songs done.
     */
    public static Report run(int sessions, long seed, int bars, GervillRenderer synth, List<Separator> separators,
                             Consumer<String> progress, ProgressListener fraction) throws IOException {
        if (sessions < 1) {
            throw new IllegalArgumentException("sessions must be at least 1, was " + sessions);
        }
        if (seed < 0 || seed > 99_999) {
            throw new IllegalArgumentException("the evaluation seed must be in [0, 99999], was " + seed);
        }
        int rate = GervillRenderer.SAMPLE_RATE_HZ;
        int methods = separators.size() + 1;
        List<Map<Stem, List<Double>>> sdr = new ArrayList<>(), siSdr = new ArrayList<>();
        for (int m = 0; m < methods; m++) {
            sdr.add(new EnumMap<>(Stem.class));
            siSdr.add(new EnumMap<>(Stem.class));
            for (Stem stem : Stem.values()) {
                sdr.get(m).put(stem, new ArrayList<>());
                siSdr.get(m).put(stem, new ArrayList<>());
            }
        }
        double[] separationSeconds = new double[methods];
        double audioSeconds = 0;
        for (int k = 0; k < sessions; k++) {
            fraction.progress(String.format(Locale.ROOT, "song %d/%d", k + 1, sessions), k / (double) sessions);
            long songSeed = Evaluation.HELD_OUT_BASE + seed * 10_000 + SEED_OFFSET + k;
            SongScore song = SongComposer.compose(songSeed, bars);
            AudioBuffer[] references = references(song, synth);
            AudioBuffer mix = mixture(references);
            audioSeconds += mix.frames() / (double) rate;
            List<Stem> present = new ArrayList<>();
            for (Stem stem : Stem.values()) {
                if (!isSilent(references[stem.ordinal()])) {
                    present.add(stem);
                }
            }
            for (int m = 0; m < methods; m++) {
                AudioBuffer[] estimates;
                if (m == 0) {
                    estimates = new AudioBuffer[] {mix, mix, mix, mix};
                } else {
                    long started = System.nanoTime();
                    estimates = ChunkedSeparation.separate(separators.get(m - 1), mix, rate,
                            ChunkedSeparation.DEFAULT_CHUNK_SECONDS);
                    separationSeconds[m] += (System.nanoTime() - started) / 1e9;
                }
                AudioBuffer[] refs = present.stream().map(s -> references[s.ordinal()]).toArray(AudioBuffer[]::new);
                AudioBuffer[] ests = present.stream().map(s -> estimates[s.ordinal()]).toArray(AudioBuffer[]::new);
                double[][] framewise = SeparationMetrics.framewiseSdr(refs, ests, rate);
                for (int j = 0; j < present.size(); j++) {
                    double trackSdr = SeparationMetrics.nanMedian(framewise[j]);
                    if (!Double.isNaN(trackSdr)) {
                        sdr.get(m).get(present.get(j)).add(trackSdr);
                    }
                    siSdr.get(m).get(present.get(j)).add(SeparationMetrics.siSdr(refs[j], ests[j]));
                }
            }
            if (progress != null) {
                progress.accept(String.format(Locale.ROOT, "song %d/%d (seed %d, %s, %s)", k + 1, sessions, songSeed,
                        song.style(), present));
            }
        }
        List<MethodScore> scores = new ArrayList<>();
        for (int m = 0; m < methods; m++) {
            Map<Stem, Double> medianSdr = new EnumMap<>(Stem.class), medianSiSdr = new EnumMap<>(Stem.class);
            Map<Stem, Integer> tracks = new EnumMap<>(Stem.class);
            for (Stem stem : Stem.values()) {
                medianSdr.put(stem, median(sdr.get(m).get(stem)));
                medianSiSdr.put(stem, median(siSdr.get(m).get(stem)));
                tracks.put(stem, sdr.get(m).get(stem).size());
            }
            String name = m == 0 ? MIXTURE : separators.get(m - 1).name();
            scores.add(new MethodScore(name, medianSdr, medianSiSdr, tracks,
                    m == 0 ? Double.NaN : audioSeconds / separationSeconds[m]));
        }
        return new Report(sessions, seed, bars, audioSeconds, scores, synth.soundbankName());
    }

    private static double median(List<Double> values) {
        return SeparationMetrics.nanMedian(values.stream().mapToDouble(Double::doubleValue).toArray());
    }

    private static boolean isSilent(AudioBuffer audio) {
        for (int c = 0; c < audio.channels(); c++) {
            for (int i = 0; i < audio.frames(); i++) {
                if (audio.channel(c)[i] != 0) {
                    return false;
                }
            }
        }
        return true;
    }
}
