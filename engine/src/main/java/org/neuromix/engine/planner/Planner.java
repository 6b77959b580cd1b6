package org.neuromix.engine.planner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.neuromix.engine.analysis.Bands;
import org.neuromix.engine.analysis.MaskingMatrix;
import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.analysis.RoleFromName;
import org.neuromix.engine.analysis.StemAnalysis;
import org.neuromix.engine.analysis.StemAnalyzer;
import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.loudness.GatingBlocks;
import org.neuromix.engine.plan.DeliveryTarget;
import org.neuromix.engine.plan.MixPlan;
import org.neuromix.engine.plan.MixPlan.EqBand;
import org.neuromix.engine.plan.MixPlan.GainMove;
import org.neuromix.engine.plan.MixPlan.TrackPlan;
import org.neuromix.engine.plan.MixPlanException;
import org.neuromix.engine.plan.MixPlanValidator;
import org.neuromix.engine.progress.ProgressListener;
import org.neuromix.engine.render.PerTrack;
import org.neuromix.engine.render.TrackLoudness;
import org.neuromix.engine.planner.MixingNorms;
import org.neuromix.engine.planner.ReferenceMixes;

/**
 * Turns a folder of stems into a {@link MixPlan}: analyse every stem, decide its role (file name
 * and the audio classifier, {@link RoleClassifier}), predict its targets — level, pan, EQ and
 * compression — with the trained models ({@link MixModels}; with an explicit style, from that
 * style's written conventions in {@link MixingNorms}), then refine on the actual
 * audio — each track is run through its channel strip and measured, and its fader set so that
 * its loudness in the mix is within {@value #BALANCE_TOLERANCE_LU} LU of its target — and carve
 * complementary EQ where a supporting part masks the featured one. Every decision carries a reason
 * naming the stem and the quantity.
 *
 */
public final class Planner {
    static final double BALANCE_TOLERANCE_LU = 0.25;
    /** Largest move of a separated stem away from the song's own balance. */
    public static final double SEPARATED_MOVE_LIMIT_LU = 2.0;
    /**
     * How far a separated stem moves toward the balance model, as a share of their disagreement.
     * None: measured on held-out songs (docs/evaluation.md, 2026-12-01), moving a tenth of the way
     * (the inverse-variance weight of the two estimates, 0.94 LU for the song as separated against
     * 2.92 LU for the model) took the remixes further from the musician's balance than the song as
     * separated (0.81 against 0.72 LU median, P90 2.31 against 2.06; on an earlier build of the
     * sessions 1.12 against 1.11): the model's errors on a whole separated stem are not independent
     * of the separation's. So the song's own balance is kept and the reason names what the model
     * would have done.
     */
    static final double SEPARATED_MODEL_WEIGHT = 0;
    /** What following the model did on held-out songs, for the reason: remix and input, median LU from the musician's balance. */
    static final String SEPARATED_EVIDENCE = "following it moved held-out remixes further from the musicians' balance than the"
            + " songs as separated (0.81 against 0.72 LU median)";
    /** A separated stem this far under the loudest one is not in the song. */
    public static final double ABSENT_BELOW_LOUDEST_LU = 24.0;
    public static final double ABSENT_LUFS = -60.0;
    private static final double MASKING_SCORE = 0.5;
    private static final double CARVE_DB = -2.5;

    /** A plan and what it was decided from. */
    /**
     * @param analysisSeconds wall-clock time of the stem analysis (decoding included)
     * @param planningSeconds wall-clock time of the rest: roles, targets, the measurement through each strip
     */
    public record Result(MixPlan plan, List<StemAnalysis> analyses, List<RoleDecision> roles, List<String> notes,
                         double analysisSeconds, double planningSeconds) {
    }

    private Planner() {
    }

    /**
     * @param stems       the stem files (inside {@code stemsDirectory}), in mix order
     * @param roleChoices user overrides by file name (may be empty)
     */
    public static Result plan(Path stemsDirectory, List<Path> stems, DeliveryTarget target, Map<String, Role> roleChoices)
            throws AudioFileException, MixPlanException {
        return plan(stemsDirectory, stems, new PlannerOptions(target, "pop", roleChoices, Map.of(),
                PlannerOptions.Reverb.MEDIUM, 50));
    }

    public static Result plan(Path stemsDirectory, List<Path> stems, PlannerOptions options)
            throws AudioFileException, MixPlanException {
        return plan(stemsDirectory, stems, options, null);
    }

    /**
     * Plans with {@code models} instead of the shipped ones (an evaluation fold's models, which
     * never saw the songs they plan); null for the shipped models.
     */
    public static Result plan(Path stemsDirectory, List<Path> stems, PlannerOptions options, MixModels foldModels)
            throws AudioFileException, MixPlanException {
        return plan(stemsDirectory, stems, options, foldModels, false);
    }

    /**
     * Plans stems separated from one stereo song ({@code separatedSong}): the song already has the
     * artist's balance, so each stem stays where the song had it ({@link #SEPARATED_MODEL_WEIGHT}: the
     * balance model's advice did not bring held-out remixes closer to the musician's; any move is
     * at most {@value #SEPARATED_MOVE_LIMIT_LU} LU), with a reason naming what the model suggests;
     * a stem the song does not contain (a vocal residue in an instrumental: more than
     * {@value #ABSENT_BELOW_LOUDEST_LU} LU under the loudest stem, or under
     * {@value #ABSENT_LUFS} LUFS) is said to be absent and left as separated, never boosted or processed.
     */
    public static Result plan(Path stemsDirectory, List<Path> stems, PlannerOptions options, MixModels foldModels,
                              boolean separatedSong) throws AudioFileException, MixPlanException {
        return plan(stemsDirectory, stems, options, foldModels, separatedSong, ProgressListener.NONE);
    }

    /**
     * As {@link #plan(Path, List, PlannerOptions, MixModels, boolean)}, telling {@code progress} how far
     * it is: analysing the stems is the first half, the measurement through each strip the second.
     */
    public static Result plan(Path stemsDirectory, List<Path> stems, PlannerOptions options, MixModels foldModels,
                              boolean separatedSong, ProgressListener progress) throws AudioFileException, MixPlanException {
        MixModels given = foldModels;
        DeliveryTarget target = options.target();
        Map<String, Role> roleChoices = options.roles();
        List<StemAnalysis> analyses = new ArrayList<>();
        List<RoleDecision> roles = new ArrayList<>();
        List<String> names = new ArrayList<>();
        List<String> notes = new ArrayList<>();
        long start = System.nanoTime();
        progress.progress("analysing stems", 0);
        java.util.concurrent.atomic.AtomicInteger analysedStems = new java.util.concurrent.atomic.AtomicInteger();
        List<StemAnalysis> stemAnalyses = PerTrack.map(stems, stem -> {
            StemAnalysis analysis = StemAnalyzer.analyze(stem);
            progress.progress("analysing stems", 0.5 * analysedStems.incrementAndGet() / stems.size());
            return analysis;
        });
        RoleClassifier classifier = RoleClassifier.bundled();
        if (classifier == null) {
            notes.add("no role classifier in this build: roles from file names only");
        }
        for (int s = 0; s < stems.size(); s++) {
            Path stem = stems.get(s);
            StemAnalysis analysis = stemAnalyses.get(s);
            String name = stemsDirectory.toAbsolutePath().normalize().relativize(stem.toAbsolutePath().normalize()).toString();
            analyses.add(analysis);
            names.add(name);
            roles.add(decideRole(name, analysis, roleChoices, classifier));
            if (analysis.isSilent()) {
                notes.add(name + " is silent: left at unity gain");
            }
        }
        long analysed = System.nanoTime();
        MixPlan.Target planTarget = new MixPlan.Target(target.loudnessLufs(), target.truePeakDbtp(), 48_000, 24,
                String.format(Locale.ROOT, "%s: %.1f LUFS integrated, %.1f dBTP ceiling", target.name(),
                        target.loudnessLufs(), target.truePeakDbtp()));
        List<Role> roleList = roles.stream().map(RoleDecision::role).toList();
        boolean auto = options.style().equals("auto");
        MixModels models = !auto ? null : given != null ? given : MixModels.bundled();
        List<StemTargets> stemTargets;
        ReferenceMixes.Basis basis;
        if (models != null) {
            // Roles the training generator never makes (lead vocal, a whole kit on one stem) are unknown
            // to the pan, EQ and dynamics models: their targets follow the written conventions instead of
            // an extrapolation. (Not the role classifier's classes: it learned from musicians' stems too.)
            Set<Role> untrained = EnumSet.allOf(Role.class);
            untrained.removeAll(MixModels.SYNTHETIC_ROLES);
            // A balance model learned from musicians' sessions knows its own roles.
            Set<Role> balanceRoles = models.balanceRoles();
            Set<Role> balanceUntrained = EnumSet.allOf(Role.class);
            if (balanceRoles == null) {
                balanceUntrained = EnumSet.copyOf(untrained);
            } else {
                balanceUntrained.removeAll(balanceRoles);
            }
            List<StemTargets> predicted = models.predict(roleList, analyses);
            List<StemTargets> conventions = MixingNorms.targets(roleList, analyses, "pop");
            // The conventions' levels are relative to the featured part, the model's to its own scale:
            // fallback levels are moved by the mean difference on the stems that both place.
            double offset = 0;
            int both = 0;
            for (int i = 0; i < roleList.size(); i++) {
                if (!balanceUntrained.contains(roleList.get(i)) && !analyses.get(i).isSilent()) {
                    offset += predicted.get(i).relativeLoudnessLu() - conventions.get(i).relativeLoudnessLu();
                    both++;
                }
            }
            offset = both == 0 ? 0 : offset / both;
            stemTargets = new ArrayList<>();
            for (int i = 0; i < roleList.size(); i++) {
                Role role = roleList.get(i);
                StemTargets t = untrained.contains(role) ? conventions.get(i) : predicted.get(i);
                double level = balanceUntrained.contains(role) ? conventions.get(i).relativeLoudnessLu() + offset
                        : predicted.get(i).relativeLoudnessLu();
                stemTargets.add(new StemTargets(level, t.panPosition(), t.highPassHz(), t.lowShelfGainDb(), t.lowMidGainDb(),
                        t.highShelfGainDb(), t.compressorRatio(), t.compressorThresholdLu()));
                if (untrained.contains(role) && balanceUntrained.contains(role)) {
                    notes.add(names.get(i) + ": no model was trained on the role " + role.words()
                            + "; its targets follow the pop conventions");
                } else if (untrained.contains(role)) {
                    notes.add(names.get(i) + ": its level comes from the balance model; no model was trained on the role "
                            + role.words() + " for pan, EQ and dynamics, which follow the pop conventions");
                } else if (balanceUntrained.contains(role)) {
                    notes.add(names.get(i) + ": the balance model has no data for the role " + role.words()
                            + "; its level follows the pop conventions");
                }
            }
            basis = ReferenceMixes.Basis.models(untrained, balanceUntrained);
        } else {
            String style = auto ? "pop" : options.style();
            stemTargets = MixingNorms.targets(roleList, analyses, style);
            basis = ReferenceMixes.Basis.conventions(style);
            if (auto) {
                notes.add("no trained models in this build: pop conventions used");
            }
        }
        MixPlan plan = ReferenceMixes.plan(names, roleList, analyses, stemTargets, planTarget, basis);
        List<Double> targets = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            PlannerOptions.Presence presence = options.presence().getOrDefault(names.get(i), PlannerOptions.Presence.NORMAL);
            targets.add(ReferenceMixes.FEATURED_LUFS + stemTargets.get(i).relativeLoudnessLu() + presence.offsetLu());
        }
        plan = applyIntensity(plan, options.intensity());
        plan = applyPanSpread(plan, analyses, options.pan());
        plan = carveMasking(plan, analyses, roles, options.intensity() / 50.0);
        plan = addReverb(plan, roles, options.reverb());
        List<String> why = new ArrayList<>(java.util.Collections.nCopies(names.size(), (String) null));
        if (separatedSong) {
            plan = fromTheSongsBalance(plan, analyses, targets, why, notes);
        }
        plan = refineBalance(plan, stemsDirectory, analyses, roles, targets, why, options, basis, progress.part(0.5, 1));
        MixPlanValidator.validate(plan);
        return new Result(plan, analyses, roles, notes, (analysed - start) / 1e9, (System.nanoTime() - analysed) / 1e9);
    }

    /**
     * The user's choice, else the file name and the audio classifier together: each role scores
     * {@code c·[named] + (1 − c)·p(role | audio)}, where {@code c} is the name's confidence and
     * {@code p} the classifier's probability; the best score is the confidence. A silent stem or a
     * build without the classifier goes by the name alone.
     */
    static RoleDecision decideRole(String name, StemAnalysis analysis, Map<String, Role> choices, RoleClassifier classifier) {
        Role chosen = choices.get(name);
        if (chosen != null) {
            return new RoleDecision(chosen, 1.0, "user");
        }
        RoleFromName.Guess byName = RoleFromName.guess(name);
        if (classifier == null || analysis.isSilent()) {
            return new RoleDecision(byName.role(), byName.confidence(), byName.confidence() > 0 ? "file name" : "no evidence");
        }
        double[] audio = classifier.probabilities(analysis);
        double nameWeight = byName.confidence();
        int best = 0;
        double bestScore = -1;
        int audioBest = 0;
        for (int r = 0; r < audio.length; r++) {
            double score = (1 - nameWeight) * audio[r] + (r == byName.role().ordinal() ? nameWeight : 0);
            if (score > bestScore) {
                best = r;
                bestScore = score;
            }
            if (audio[r] > audio[audioBest]) {
                audioBest = r;
            }
        }
        Role role = Role.values()[best];
        String source;
        if (nameWeight > 0 && role == byName.role()) {
            source = audioBest == best ? "file name and audio classifier" : "file name";
        } else {
            source = "audio classifier";
        }
        return new RoleDecision(role, Math.round(bestScore * 1000) / 1000.0, source);
    }

    /**
     * Separated stems: targets moved to where the song had each stem plus a bounded step of
     * {@link #SEPARATED_MODEL_WEIGHT} of the way toward the model's balance (the model's and the song's scales are aligned by their median
     * difference); absent stems get a neutral strip and a NaN target (not refined).
     */
    private static MixPlan fromTheSongsBalance(MixPlan plan, List<StemAnalysis> analyses, List<Double> targets,
                                               List<String> why, List<String> notes) {
        double loudest = Double.NEGATIVE_INFINITY;
        for (StemAnalysis analysis : analyses) {
            if (!analysis.isSilent()) {
                loudest = Math.max(loudest, analysis.loudness().integratedLufs());
            }
        }
        List<Double> differences = new ArrayList<>();
        boolean[] absent = new boolean[analyses.size()];
        for (int i = 0; i < analyses.size(); i++) {
            StemAnalysis analysis = analyses.get(i);
            double level = analysis.isSilent() ? Double.NaN : analysis.loudness().integratedLufs();
            absent[i] = !(level > ABSENT_LUFS) || level < loudest - ABSENT_BELOW_LOUDEST_LU;
            if (!absent[i]) {
                differences.add(targets.get(i) - level);
            }
        }
        double offset = differences.isEmpty() ? 0 : differences.stream().sorted().toList().get(differences.size() / 2);
        List<TrackPlan> tracks = new ArrayList<>();
        for (int i = 0; i < analyses.size(); i++) {
            TrackPlan track = plan.tracks().get(i);
            double level = analyses.get(i).isSilent() ? Double.NaN : analyses.get(i).loudness().integratedLufs();
            if (absent[i]) {
                String reason = Double.isNaN(level)
                        ? String.format(Locale.ROOT, "%s: absent from the song (silent): left as separated, not boosted or processed", track.stem())
                        : String.format(Locale.ROOT, "%s: absent from the song (%.1f LUFS, %.1f LU under the loudest stem):"
                                + " left as separated, not boosted or processed", track.stem(), level, loudest - level);
                notes.add(reason);
                tracks.add(new TrackPlan(track.id(), track.stem(), track.role(), track.muted(), new GainMove(0, false, reason),
                        track.pan(), List.of(), null, null, null, List.of()));
                targets.set(i, Double.NaN);
                continue;
            }
            double suggested = targets.get(i) - offset - level;
            double move = Math.max(-SEPARATED_MOVE_LIMIT_LU, Math.min(SEPARATED_MOVE_LIMIT_LU, SEPARATED_MODEL_WEIGHT * suggested));
            targets.set(i, level + move);
            why.set(i, move == 0
                    ? String.format(Locale.ROOT, "kept where the song had it, as separated: the balance model suggests %+.1f LU,"
                            + " but %s", suggested, SEPARATED_EVIDENCE)
                    : String.format(Locale.ROOT, "%+.1f LU from where the song had it: the balance model suggests %+.1f LU;"
                            + " the move is %.0f %% of that, within ±%.0f LU", move, suggested, 100 * SEPARATED_MODEL_WEIGHT,
                            SEPARATED_MOVE_LIMIT_LU));
            tracks.add(track);
        }
        return new MixPlan(plan.version(), plan.target(), tracks, plan.buses(), plan.master());
    }

    /** How far a strip may land from its wanted level and still be said to sit there. */
    private static final double REACHED_TOLERANCE_LU = 1.0;

    /** The fader search stops this close to the wanted level (faders move in 0.01 dB). */
    private static final double FADER_SEARCH_TOLERANCE_LU = 0.01;
    private static final int FADER_SEARCH_STEPS = 8;

    /**
     * Faders set from one measurement of each strip's output. The fader and the pan come after the
     * dynamics and are linear, so the strip runs once; the fader is then found on the recorded gating
     * blocks, where the gates are applied at each candidate gain (the absolute gate makes quiet
     * stems not quite linear).
     */
    private static MixPlan refineBalance(MixPlan plan, Path stemsDirectory, List<StemAnalysis> analyses,
                                         List<RoleDecision> roles, List<Double> targets, List<String> why,
                                         PlannerOptions options, ReferenceMixes.Basis basis, ProgressListener progress)
            throws AudioFileException, MixPlanException {
        progress.progress("planning: measuring each track through its strip", 0);
        List<GatingBlocks> measured = TrackLoudness.measureBlocks(plan, stemsDirectory);
        List<TrackPlan> tracks = new ArrayList<>();
        for (int i = 0; i < plan.tracks().size(); i++) {
            TrackPlan track = plan.tracks().get(i);
            double targetLufs = targets.get(i);
            GatingBlocks blocks = measured.get(i);
            double plannedGain = track.gain().gainDb();
            double level = blocks.integratedLufs(0);
            if (Double.isNaN(level) || analyses.get(i).isSilent() || Double.isNaN(targetLufs)) {
                tracks.add(track);
                continue;
            }
            double gain = plannedGain;
            double reachedLufs = level;
            for (int step = 0; step < FADER_SEARCH_STEPS && Math.abs(targetLufs - reachedLufs) > FADER_SEARCH_TOLERANCE_LU; step++) {
                double next = Math.round(Math.max(-60, Math.min(24, gain + targetLufs - reachedLufs)) * 100) / 100.0;
                double nextLufs = blocks.integratedLufs(next - plannedGain);
                if (next == gain || Double.isNaN(nextLufs)) {
                    break;
                }
                gain = next;
                reachedLufs = nextLufs;
            }
            // The level stated is the one this fader gives: never the wanted level when the fader's range cannot reach it.
            String where = Math.abs(reachedLufs - targetLufs) <= REACHED_TOLERANCE_LU
                    ? String.format(Locale.ROOT, "measured through its strip it sits at %.1f LUFS,", reachedLufs)
                    : String.format(Locale.ROOT, "the fader's range (−60 to +24 dB) stops it at %.1f LUFS, %.1f LU %s the"
                            + " %.1f LUFS wanted,", reachedLufs, Math.abs(targetLufs - reachedLufs),
                            reachedLufs < targetLufs ? "short of" : "above", targetLufs);
            String reason = String.format(Locale.ROOT, "%s at %+.1f dB: %s %s%s", track.stem(), gain, where,
                    why.get(i) != null ? why.get(i)
                            : basis.balanceModelled(roles.get(i).role())
                            ? "as the balance model predicts for " + roles.get(i).role().withArticle() + " in this arrangement"
                            : String.format(Locale.ROOT, "%+.1f LU from the featured part, as %s should",
                                    targetLufs - ReferenceMixes.FEATURED_LUFS, roles.get(i).role().withArticle()),
                    adjustments(options, track.stem(), roles.get(i).role()));
            tracks.add(withGain(track, new GainMove(gain, false, reason)));
        }
        progress.progress("planned", 1);
        return new MixPlan(plan.version(), plan.target(), tracks, plan.buses(), plan.master());
    }

    private static String adjustments(PlannerOptions options, String stem, Role role) {
        StringBuilder text = new StringBuilder();
        double style = PlannerOptions.styleOffsetLu(options.style(), role);
        if (style != 0) {
            text.append(String.format(Locale.ROOT, " (%+.0f LU for %s)", style, options.style()));
        }
        PlannerOptions.Presence presence = options.presence().get(stem);
        if (presence != null && presence != PlannerOptions.Presence.NORMAL) {
            text.append(String.format(Locale.ROOT, " (%+.0f LU: %s presence asked)", presence.offsetLu(),
                    presence.name().toLowerCase(Locale.ROOT)));
        }
        return text.toString();
    }

    /** The pan preference: positions scaled toward or away from the centre, stereo stems narrowed or widened. */
    private static MixPlan applyPanSpread(MixPlan plan, List<StemAnalysis> analyses, PlannerOptions.PanSpread spread) {
        if (spread == PlannerOptions.PanSpread.NATURAL) {
            return plan;
        }
        List<TrackPlan> tracks = new ArrayList<>();
        for (int i = 0; i < plan.tracks().size(); i++) {
            TrackPlan track = plan.tracks().get(i);
            double position = Math.max(-1, Math.min(1, Math.round(track.pan().position() * spread.positionScale() * 100) / 100.0));
            double width = analyses.get(i).channels() == 2 ? spread.width() : 1.0;
            String reason = String.format(Locale.ROOT, "%s panned %s, width %.1f (%s pan preference)", track.stem(),
                    ReferenceMixes.describePan(position), width, spread.name().toLowerCase(Locale.ROOT));
            tracks.add(new TrackPlan(track.id(), track.stem(), track.role(), track.muted(), track.gain(),
                    new MixPlan.PanMove(position, width, reason), track.eq(), track.gate(), track.compressor(),
                    track.deEsser(), track.sends()));
        }
        return new MixPlan(plan.version(), plan.target(), tracks, plan.buses(), plan.master());
    }

    /**
     * 50 % keeps the targets as they are; less gentles the compressors (none at 0 %) and the
     * corrective EQ gains (the high-pass stays), more pushes them.
     */
    private static MixPlan applyIntensity(MixPlan plan, double intensity) {
        double scale = intensity / 50.0;
        if (scale == 1) {
            return plan;
        }
        List<TrackPlan> tracks = new ArrayList<>();
        for (TrackPlan track : plan.tracks()) {
            MixPlan.CompressorMove compressor = track.compressor();
            if (compressor != null) {
                double ratio = Math.round((1 + (compressor.ratio() - 1) * scale) * 10) / 10.0;
                compressor = ratio < 1.2 ? null : new MixPlan.CompressorMove(compressor.thresholdDb(), ratio,
                        compressor.attackMs(), compressor.releaseMs(), compressor.kneeDb(), compressor.makeupGainDb(),
                        compressor.detection(), compressor.sidechainHighPassHz(), compressor.reason()
                                + String.format(Locale.ROOT, "; intensity %.0f %% makes it %.1f:1", intensity, ratio));
            }
            List<EqBand> eq = new ArrayList<>();
            for (EqBand band : track.eq()) {
                if (band.type().equals("highPass")) {
                    eq.add(band);
                    continue;
                }
                double gain = Math.max(-12, Math.min(12, Math.round(band.gainDb() * scale * 10) / 10.0));
                if (Math.abs(gain) >= 0.3) {
                    eq.add(new EqBand(band.type(), band.frequencyHz(), band.q(), gain, band.slopeDbPerOctave(),
                            band.reason() + String.format(Locale.ROOT, "; intensity %.0f %% makes it %+.1f dB", intensity,
                                    gain)));
                }
            }
            tracks.add(new TrackPlan(track.id(), track.stem(), track.role(), track.muted(), track.gain(), track.pan(),
                    eq, track.gate(), compressor, track.deEsser(), track.sends()));
        }
        return new MixPlan(plan.version(), plan.target(), tracks, plan.buses(), plan.master());
    }

    /** One shared reverb bus; vocals and melodic leads send most, the low end stays dry. */
    private static MixPlan addReverb(MixPlan plan, List<RoleDecision> roles, PlannerOptions.Reverb amount) {
        if (amount == PlannerOptions.Reverb.NONE) {
            return plan;
        }
        List<TrackPlan> tracks = new ArrayList<>();
        for (int i = 0; i < plan.tracks().size(); i++) {
            TrackPlan track = plan.tracks().get(i);
            double send = PlannerOptions.reverbSendDb(roles.get(i).role());
            List<MixPlan.Send> sends = new ArrayList<>(track.sends());
            if (!Double.isNaN(send)) {
                double level = send + amount.sendOffsetDb();
                sends.add(new MixPlan.Send("reverb", level, String.format(Locale.ROOT,
                        "%s sent to the reverb at %.0f dB (%s reverb)", track.stem(), level,
                        amount.name().toLowerCase(Locale.ROOT))));
            }
            tracks.add(new TrackPlan(track.id(), track.stem(), track.role(), track.muted(), track.gain(), track.pan(),
                    track.eq(), track.gate(), track.compressor(), track.deEsser(), sends));
        }
        MixPlan.BusPlan bus = new MixPlan.BusPlan("reverb", new MixPlan.ReverbMove(20, amount.decaySeconds(), 0.45, 1.0,
                String.format(Locale.ROOT, "%.1f s hall, 20 ms pre-delay", amount.decaySeconds())), 0,
                "shared reverb: " + amount.name().toLowerCase(Locale.ROOT));
        return new MixPlan(plan.version(), plan.target(), tracks, List.of(bus), plan.master());
    }

    /** A supporting part that masks the featured part gets a cut where it covers it most. */
    private static MixPlan carveMasking(MixPlan plan, List<StemAnalysis> analyses, List<RoleDecision> roles, double depth) {
        if (depth <= 0) {
            return plan;
        }
        MaskingMatrix masking = MaskingMatrix.of(analyses);
        List<TrackPlan> tracks = new ArrayList<>(plan.tracks());
        java.util.Set<Integer> carved = new java.util.HashSet<>();
        for (MaskingMatrix.Conflict conflict : masking.conflicts()) {
            if (conflict.score() < MASKING_SCORE) {
                break;
            }
            Role featured = roles.get(conflict.target()).role();
            Role masker = roles.get(conflict.masker()).role();
            if (MixingNorms.of(featured).relativeLoudnessLu() < -2 || MixingNorms.of(masker).relativeLoudnessLu() > -5) {
                continue; // only supporting parts make room for the featured ones
            }
            int band = conflict.worstBand(analyses.get(conflict.target()).bandEnergiesDb());
            double frequency = Bands.CENTRES_HZ[band];
            if (frequency < 150) {
                continue; // low-end conflicts are for the faders and high-passes
            }
            TrackPlan track = tracks.get(conflict.masker());
            if (!carved.add(conflict.masker())) {
                continue; // one carve per track
            }
            List<EqBand> eq = new ArrayList<>(track.eq());
            double cut = Math.max(-12, CARVE_DB * depth);
            eq.add(new EqBand("peaking", frequency, 1.4, cut, 12, String.format(Locale.ROOT,
                    "%s cut %.1f dB at %s to make room for %s (masked %.0f %% of the time there)", track.stem(), -cut,
                    frequency >= 1000 ? String.format(Locale.ROOT, "%.1f kHz", frequency / 1000) : String.format(Locale.ROOT,
                            "%.0f Hz", frequency), tracks.get(conflict.target()).stem(),
                    100 * conflict.bandShares()[band])));
            tracks.set(conflict.masker(), new TrackPlan(track.id(), track.stem(), track.role(), track.muted(), track.gain(),
                    track.pan(), eq, track.gate(), track.compressor(), track.deEsser(), track.sends()));
        }
        return new MixPlan(plan.version(), plan.target(), tracks, plan.buses(), plan.master());
    }

    private static TrackPlan withGain(TrackPlan track, GainMove gain) {
        return new TrackPlan(track.id(), track.stem(), track.role(), track.muted(), gain, track.pan(), track.eq(),
                track.gate(), track.compressor(), track.deEsser(), track.sends());
    }
}
