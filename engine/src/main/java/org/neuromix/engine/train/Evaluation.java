package org.neuromix.engine.train;

import org.neuromix.engine.planner.ReferenceMixes;
import org.neuromix.engine.planner.MixingNorms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

import org.neuromix.engine.analysis.MultiResolutionStft;
import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.analysis.StemAnalysis;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.audio.ProcessSpec;
import org.neuromix.engine.dsp.BiquadFilter;
import org.neuromix.engine.dsp.FilterType;
import org.neuromix.engine.dsp.Gain;
import org.neuromix.engine.dsp.ParametricEq;
import org.neuromix.engine.io.AudioEncoding;
import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.io.AudioReader;
import org.neuromix.engine.io.AudioWriter;
import org.neuromix.engine.loudness.FileLoudnessAnalyzer;
import org.neuromix.engine.loudness.LoudnessMeasurement;
import org.neuromix.engine.plan.DeliveryTarget;
import org.neuromix.engine.plan.MixPlan;
import org.neuromix.engine.plan.MixPlan.GainMove;
import org.neuromix.engine.plan.MixPlan.TrackPlan;
import org.neuromix.engine.plan.MixPlanException;
import org.neuromix.engine.plan.MixPlans;
import org.neuromix.engine.planner.MixModels;
import org.neuromix.engine.planner.Planner;
import org.neuromix.engine.planner.PlannerOptions;
import org.neuromix.engine.planner.RoleClassifier;
import org.neuromix.engine.planner.StemTargets;
import org.neuromix.engine.progress.ProgressListener;
import org.neuromix.engine.render.RenderException;
import org.neuromix.engine.render.Renderer;
import org.neuromix.engine.render.TrackLoudness;

/**
 * Held-out evaluation on synthetic sessions. Each session is composed from a seed in the held-out
 * range ({@value #HELD_OUT_BASE} and up; training seeds stay below it), rendered clean, then
 * degraded on the audio (per-stem gain ±12 dB, tilt ±4 dB). The reference balance is the
 * conventions of {@link MixingNorms} shifted for the song's style, which the planner is not told.
 * For NeuroMix and two baselines — the raw sum of the degraded stems and equal-loudness
 * normalisation of every stem (Moffat and Sandler's "equal loudness" baseline) — each stem's
 * loudness in the mix is measured through its channel strip, and the per-stem balance error is
 * its distance from the reference after removing the session's global offset. NeuroMix's mixes
 * are also rendered and measured against the loudness target and true-peak ceiling, and every
 * method's mix is compared with the reference mix (the clean stems planned with the song's real
 * style) by the multi-resolution STFT distance. On the clean stems, each model output (pan,
 * high-pass, shelves, compression, ...) is compared with the reference targets
 * ({@link MixingNorms#targets} under the real style), beside the pop conventions as a baseline, and
 * the audio role classifier is scored against the true roles, on clean and on degraded stems.
 */
public final class Evaluation {
    public static final long HELD_OUT_BASE = 1_000_000_000L;

    /** Errors of one method over all stems of all sessions, and its mixes' mean MR-STFT distance to the reference mixes. */
    public record MethodScore(String method, double medianErrorLu, double p90ErrorLu, int stems, double meanMrStft) {
    }

    /** Mean absolute error of one model output on held-out stems, and of the pop conventions as a baseline. */
    public record ParameterScore(String output, String unit, double modelMae, double popConventionsMae, int stems) {
    }

    /**
     * Role detection on held-out stems: share right from the audio alone (clean and degraded stems),
     * from the file name and audio together, and per true role from the clean audio.
     */
    public record RoleScore(double audioAccuracy, double degradedAudioAccuracy, double combinedAccuracy, int stems,
                            Map<Role, double[]> perRole) {
    }

    public record Report(int sessions, List<MethodScore> scores, double maxLoudnessErrorLu, double truePeakCompliance,
                         double maxTruePeakDbtp, List<String> styles, List<ParameterScore> parameters, RoleScore roles,
                         String soundbank) {
        public String markdown(String command) {
            StringBuilder text = new StringBuilder();
            text.append("## Balance and mix distance\n\n");
            text.append("| method | median balance error (LU) | 90th percentile (LU) | stems | MR-STFT distance to the reference mix |\n"
                    + "|---|---|---|---|---|\n");
            for (MethodScore score : scores) {
                text.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %d | %.3f |%n", score.method(), score.medianErrorLu(),
                        score.p90ErrorLu(), score.stems(), score.meanMrStft()));
            }
            text.append(String.format(Locale.ROOT, "%nNeuroMix mixes: largest integrated-loudness error %.3f LU;"
                    + " true peak at or under the ceiling in %.0f %% of sessions (highest %.2f dBTP).%n", maxLoudnessErrorLu,
                    100 * truePeakCompliance, maxTruePeakDbtp));
            if (!parameters.isEmpty()) {
                text.append("\n## Model outputs against the reference targets\n\n"
                        + "Mean absolute error on the clean held-out stems (true roles), the trained model against the written"
                        + " pop conventions (what the planner would do without the model, not knowing the style):\n\n"
                        + "| output | unit | model MAE | pop conventions MAE | stems |\n|---|---|---|---|---|\n");
                for (ParameterScore p : parameters) {
                    text.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %.3f | %d |%n", p.output(), p.unit(), p.modelMae(),
                            p.popConventionsMae(), p.stems()));
                }
            }
            if (roles != null) {
                text.append(String.format(Locale.ROOT, "%n## Role detection%n%nHeld-out stems: %d. Audio classifier alone: %.1f %%"
                        + " right on the clean stems, %.1f %% on the degraded ones (gain and tilt); file name and audio"
                        + " together: %.1f %%.%n%n| true role | stems | audio classifier right |%n|---|---|---|%n", roles.stems(),
                        100 * roles.audioAccuracy(), 100 * roles.degradedAudioAccuracy(), 100 * roles.combinedAccuracy()));
                for (Map.Entry<Role, double[]> entry : roles.perRole().entrySet()) {
                    text.append(String.format(Locale.ROOT, "| %s | %.0f | %.1f %% |%n", entry.getKey().planName(),
                            entry.getValue()[1], 100 * entry.getValue()[0] / entry.getValue()[1]));
                }
            }
            text.append("\nSessions: ").append(sessions).append(" rendered with ").append(soundbank).append(" (styles: ")
                    .append(String.join(", ", styles)).append("). Command: `").append(command).append("`\n");
            return text.toString();
        }
    }

    private Evaluation() {
    }

    public static Report run(int sessions, long seed, int bars, Path workDirectory)
            throws IOException, AudioFileException, MixPlanException, RenderException {
        return run(sessions, seed, bars, GervillRenderer.pinned(), workDirectory);
    }

    public static Report run(int sessions, long seed, int bars, GervillRenderer synth, Path workDirectory)
            throws IOException, AudioFileException, MixPlanException, RenderException {
        return run(sessions, seed, bars, synth, workDirectory, ProgressListener.NONE);
    }

    /** As {@link #run(int, long, int, GervillRenderer, Path)}, telling {@code progress} which session it is on. */
    public static Report run(int sessions, long seed, int bars, GervillRenderer synth, Path workDirectory,
                             ProgressListener progress) throws IOException, AudioFileException, MixPlanException, RenderException {
        if (sessions < 1) {
            throw new IllegalArgumentException("sessions must be at least 1, was " + sessions);
        }
        if (seed < 0 || seed > 99_999) {
            throw new IllegalArgumentException("the evaluation seed must be in [0, 99999], was " + seed);
        }
        MixModels models = MixModels.bundled();
        RoleClassifier classifier = RoleClassifier.bundled();
        int outputs = MixModels.Output.values().length;
        double[] modelError = new double[outputs], popError = new double[outputs];
        int parameterStems = 0;
        int roleStems = 0, audioRight = 0, degradedRight = 0, combinedRight = 0;
        Map<Role, double[]> perRole = new EnumMap<>(Role.class);
        DeliveryTarget target = DeliveryTarget.parse("spotify");
        List<Double> neuromix = new ArrayList<>(), raw = new ArrayList<>(), equal = new ArrayList<>();
        double[] mrStft = new double[3];
        double maxLoudnessError = 0, maxTruePeak = -200;
        int peakOk = 0;
        List<String> styles = new ArrayList<>();
        for (int k = 0; k < sessions; k++) {
            progress.progress(String.format(Locale.ROOT, "session %d/%d", k + 1, sessions), k / (double) sessions);
            long sessionSeed = HELD_OUT_BASE + seed * 10_000 + k;
            Path clean = workDirectory.resolve("session-" + k).resolve("clean");
            Path degraded = workDirectory.resolve("session-" + k).resolve("degraded");
            List<Path> cleanStems = SyntheticSessions.write(sessionSeed, bars, synth, clean);
            SongScore song = SongComposer.compose(sessionSeed, bars);
            styles.add(song.style());
            List<Path> stems = degrade(cleanStems, degraded, new Random(sessionSeed));
            List<Double> targets = new ArrayList<>();
            for (PartScore part : song.parts()) {
                Role role = part.role();
                targets.add(ReferenceMixes.FEATURED_LUFS + MixingNorms.of(role).relativeLoudnessLu()
                        + PlannerOptions.styleOffsetLu(song.style(), role));
            }
            Planner.Result plannedResult = Planner.plan(degraded, stems, PlannerOptions.defaults(target));
            MixPlan planned = plannedResult.plan();
            neuromix.addAll(balanceErrors(TrackLoudness.measure(planned, degraded), targets));
            MixPlan neutral = MixPlans.neutralTemplate(stems.stream().map(p -> p.getFileName().toString()).toList());
            List<Double> rawLevels = TrackLoudness.measure(neutral, degraded);
            raw.addAll(balanceErrors(rawLevels, targets));
            MixPlan equalPlan = equalLoudness(neutral, rawLevels);
            equal.addAll(balanceErrors(TrackLoudness.measure(equalPlan, degraded), targets));

            Path session = workDirectory.resolve("session-" + k);
            Path mix = session.resolve("mix.wav");
            new Renderer().render(planned, degraded, mix, null);
            // The reference mix: the clean stems balanced to the style-shifted conventions it was scored against.
            Planner.Result referenceResult = Planner.plan(clean, cleanStems, new PlannerOptions(target, song.style(), Map.of(),
                    Map.of(), PlannerOptions.Reverb.MEDIUM, 50));
            MixPlan referencePlan = referenceResult.plan();
            List<Role> trueRoles = song.parts().stream().map(PartScore::role).toList();
            List<StemAnalysis> cleanAnalyses = referenceResult.analyses();
            if (models != null) {
                List<StemTargets> reference = MixingNorms.targets(trueRoles, cleanAnalyses, song.style());
                List<StemTargets> predicted = models.predict(trueRoles, cleanAnalyses);
                List<StemTargets> pop = MixingNorms.targets(trueRoles, cleanAnalyses, "pop");
                for (int i = 0; i < trueRoles.size(); i++) {
                    if (cleanAnalyses.get(i).isSilent()) {
                        continue;
                    }
                    parameterStems++;
                    for (MixModels.Output output : MixModels.Output.values()) {
                        double truth = output.label(reference.get(i));
                        modelError[output.ordinal()] += Math.abs(output.label(predicted.get(i)) - truth);
                        popError[output.ordinal()] += Math.abs(output.label(pop.get(i)) - truth);
                    }
                }
            }
            for (int i = 0; i < trueRoles.size(); i++) {
                if (cleanAnalyses.get(i).isSilent()) {
                    continue;
                }
                Role truth = trueRoles.get(i);
                roleStems++;
                double[] counts = perRole.computeIfAbsent(truth, r -> new double[2]);
                counts[1]++;
                if (classifier != null && classifier.classify(cleanAnalyses.get(i)).role() == truth) {
                    audioRight++;
                    counts[0]++;
                }
                if (classifier != null && classifier.classify(plannedResult.analyses().get(i)).role() == truth) {
                    degradedRight++;
                }
                if (referenceResult.roles().get(i).role() == truth) {
                    combinedRight++;
                }
            }
            Path referenceMix = session.resolve("reference.wav");
            new Renderer().render(referencePlan, clean, referenceMix, null);
            Path rawMix = session.resolve("raw.wav");
            new Renderer().render(neutral, degraded, rawMix, null);
            Path equalMix = session.resolve("equal.wav");
            new Renderer().render(equalPlan, degraded, equalMix, null);
            mrStft[0] += MultiResolutionStft.distance(referenceMix, mix) / sessions;
            mrStft[1] += MultiResolutionStft.distance(referenceMix, rawMix) / sessions;
            mrStft[2] += MultiResolutionStft.distance(referenceMix, equalMix) / sessions;
            LoudnessMeasurement m = FileLoudnessAnalyzer.analyze(mix).measurement();
            maxLoudnessError = Math.max(maxLoudnessError, Math.abs(m.integratedLufs() - target.loudnessLufs()));
            maxTruePeak = Math.max(maxTruePeak, m.truePeakDbtp());
            if (m.truePeakDbtp() <= target.truePeakDbtp() + 0.01) {
                peakOk++;
            }
        }
        List<ParameterScore> parameters = new ArrayList<>();
        if (models != null && parameterStems > 0) {
            for (MixModels.Output output : MixModels.Output.values()) {
                parameters.add(new ParameterScore(output.description(), unit(output), modelError[output.ordinal()] / parameterStems,
                        popError[output.ordinal()] / parameterStems, parameterStems));
            }
        }
        RoleScore roleScore = classifier == null || roleStems == 0 ? null : new RoleScore(audioRight / (double) roleStems,
                degradedRight / (double) roleStems, combinedRight / (double) roleStems, roleStems, perRole);
        return new Report(sessions, List.of(score("NeuroMix (models + refinement)", neuromix, mrStft[0]),
                score("baseline: raw sum of the degraded stems", raw, mrStft[1]),
                score("baseline: equal loudness per stem", equal, mrStft[2])), maxLoudnessError, peakOk / (double) sessions,
                maxTruePeak, styles, parameters, roleScore, synth.soundbankName());
    }

    private static String unit(MixModels.Output output) {
        return switch (output) {
            case BALANCE, COMPRESSOR_THRESHOLD -> "LU";
            case PAN -> "position (-1..1)";
            case HIGH_PASS -> "Hz";
            case LOW_SHELF, LOW_MID, HIGH_SHELF -> "dB";
            case COMPRESSOR_RATIO -> "ratio";
        };
    }

    /** Per-stem distance from the targets after removing the mean offset; silent stems are skipped. */
    static List<Double> balanceErrors(List<Double> levels, List<Double> targets) {
        double offset = 0;
        int count = 0;
        for (int i = 0; i < levels.size(); i++) {
            if (!Double.isNaN(levels.get(i))) {
                offset += levels.get(i) - targets.get(i);
                count++;
            }
        }
        offset /= Math.max(1, count);
        List<Double> errors = new ArrayList<>();
        for (int i = 0; i < levels.size(); i++) {
            if (!Double.isNaN(levels.get(i))) {
                errors.add(Math.abs(levels.get(i) - targets.get(i) - offset));
            }
        }
        return errors;
    }

    private static MixPlan equalLoudness(MixPlan neutral, List<Double> levels) {
        List<TrackPlan> tracks = new ArrayList<>();
        for (int i = 0; i < neutral.tracks().size(); i++) {
            TrackPlan track = neutral.tracks().get(i);
            double gain = Double.isNaN(levels.get(i)) ? 0 : Math.max(-60, Math.min(24, -23 - levels.get(i)));
            tracks.add(new TrackPlan(track.id(), track.stem(), track.role(), false, new GainMove(gain, false, "equal loudness"),
                    track.pan(), track.eq(), null, null, null, List.of()));
        }
        return new MixPlan(neutral.version(), neutral.target(), tracks, neutral.buses(), neutral.master());
    }

    /** Degrades each clean stem on the audio: a gain error of ±12 dB and a tilt of ±4 dB around 250 Hz-4 kHz. */
    private static List<Path> degrade(List<Path> cleanStems, Path directory, Random random)
            throws IOException, AudioFileException {
        Files.createDirectories(directory);
        List<Path> degraded = new ArrayList<>();
        for (Path stem : cleanStems) {
            double gainDb = random.nextDouble() * 24 - 12;
            double tiltDb = random.nextDouble() * 8 - 4;
            Path target = directory.resolve(stem.getFileName());
            try (AudioReader reader = AudioReader.open(stem)) {
                AudioBuffer audio = reader.readRemaining();
                ProcessSpec spec = new ProcessSpec(reader.sampleRate(), Math.max(1, audio.frames()), audio.channels());
                ParametricEq tilt = new ParametricEq(List.of(new BiquadFilter(FilterType.LOW_SHELF, 250, 0.7071, tiltDb),
                        new BiquadFilter(FilterType.HIGH_SHELF, 4000, 0.7071, -tiltDb)));
                Gain gain = new Gain(gainDb);
                tilt.prepare(spec);
                gain.prepare(spec);
                tilt.process(audio);
                gain.process(audio);
                // Float, so a +12 dB error cannot clip the evidence away.
                AudioWriter.write(target, AudioEncoding.WAV_FLOAT_32, reader.sampleRate(), audio);
            }
            degraded.add(target);
        }
        return degraded;
    }

    private static MethodScore score(String method, List<Double> errors, double meanMrStft) {
        double[] sorted = errors.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        return new MethodScore(method, percentile(sorted, 0.5), percentile(sorted, 0.9), sorted.length, meanMrStft);
    }

    private static double percentile(double[] sorted, double share) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        double position = share * (sorted.length - 1);
        int below = (int) Math.floor(position);
        int above = Math.min(sorted.length - 1, below + 1);
        return sorted[below] + (position - below) * (sorted[above] - sorted[below]);
    }
}
