package org.neuromix.engine.planner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.neuromix.engine.analysis.StemAnalysis;
import org.neuromix.engine.analysis.StemAnalyzer;
import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.io.SiblingFiles;
import org.neuromix.engine.plan.DeliveryTarget;
import org.neuromix.engine.plan.MixPlan;
import org.neuromix.engine.plan.MixPlan.EqBand;
import org.neuromix.engine.plan.MixPlanException;
import org.neuromix.engine.render.RenderException;
import org.neuromix.engine.render.Renderer;

/**
 * Matches a plan to a reference track the user supplies: the reference's integrated loudness
 * becomes the target, and a trial render of the plan is compared with the reference's long-term
 * 1/3-octave spectrum (both relative to their totals, so level does not matter) to set three broad
 * master-EQ moves — low shelf at 120 Hz, a wide bell at 1 kHz, high shelf at 6 kHz — each at most
 * ±6 dB and only when the difference is at least 0.5 dB. The stereo-width difference is reported,
 * not applied (the master chain has no width stage yet).
 */
public final class ReferenceMatch {
    private static final double MAX_MOVE_DB = 6.0;
    private static final double MIN_MOVE_DB = 0.5;

    /** The matched plan, the reference's analysis, and notes for the user. */
    public record Match(MixPlan plan, StemAnalysis reference, List<String> notes) {
    }

    private ReferenceMatch() {
    }

    public static Match apply(MixPlan plan, Path stemsDirectory, Path reference, Path workDirectory)
            throws AudioFileException, RenderException, MixPlanException, IOException {
        StemAnalysis ref = StemAnalyzer.analyze(reference);
        if (ref.isSilent()) {
            throw new RenderException("reference " + reference + " is silent: there is nothing to match");
        }
        List<String> notes = new ArrayList<>();
        double loudness = ref.loudness().integratedLufs();
        double clamped = Math.max(DeliveryTarget.MIN_LUFS, Math.min(DeliveryTarget.MAX_LUFS, loudness));
        if (clamped != loudness) {
            notes.add(String.format(Locale.ROOT, "the reference measures %.1f LUFS; the target is held at %.1f LUFS", loudness,
                    clamped));
        }
        MixPlan.Target target = new MixPlan.Target(Math.round(clamped * 10) / 10.0, plan.target().truePeakDbtp(),
                plan.target().sampleRateHz(), plan.target().bitDepth(), String.format(Locale.ROOT,
                "matched to the reference %s: %.1f LUFS integrated, %.1f dBTP ceiling", reference.getFileName(), clamped,
                plan.target().truePeakDbtp()));
        MixPlan matched = new MixPlan(plan.version(), target, plan.tracks(), plan.buses(), plan.master());

        Files.createDirectories(workDirectory);
        Path trial = SiblingFiles.create(workDirectory.resolve("reference-trial.wav"), ".wav");
        StemAnalysis mix;
        try {
            new Renderer().render(matched, stemsDirectory, trial, null);
            mix = StemAnalyzer.analyze(trial);
        } finally {
            Files.deleteIfExists(trial);
        }
        double low = meanDifference(ref, mix, 0, 6);    // 31.5-125 Hz
        double mid = meanDifference(ref, mix, 11, 19);  // 400 Hz-2.5 kHz
        double high = meanDifference(ref, mix, 22, 27); // 5-16 kHz
        List<EqBand> eq = new ArrayList<>(plan.master().eq());
        addMove(eq, "lowShelf", 120, 0.7071, low, "below 120 Hz", "low end", reference);
        addMove(eq, "peaking", 1000, 0.5, mid, "around 1 kHz", "midrange", reference);
        addMove(eq, "highShelf", 6000, 0.7071, high, "above 6 kHz", "brightness", reference);
        double widthDifference = ref.stereoWidth() - mix.stereoWidth();
        if (Math.abs(widthDifference) > 0.05) {
            notes.add(String.format(Locale.ROOT, "the reference is %s (side share %.2f against the mix's %.2f);"
                    + " width is not matched yet", widthDifference > 0 ? "wider" : "narrower", ref.stereoWidth(),
                    mix.stereoWidth()));
        }
        MixPlan.MasterPlan master = new MixPlan.MasterPlan(eq, plan.master().compressor(), plan.master().limiter(),
                plan.master().reason());
        return new Match(new MixPlan(plan.version(), target, plan.tracks(), plan.buses(), master), ref, notes);
    }

    private static double meanDifference(StemAnalysis reference, StemAnalysis mix, int fromBand, int toBand) {
        double sum = 0;
        for (int band = fromBand; band <= toBand; band++) {
            sum += reference.bandEnergiesDb()[band] - mix.bandEnergiesDb()[band];
        }
        return sum / (toBand - fromBand + 1);
    }

    private static void addMove(List<EqBand> eq, String type, double frequencyHz, double q, double differenceDb,
                                String where, String what, Path reference) {
        double gain = Math.round(Math.max(-MAX_MOVE_DB, Math.min(MAX_MOVE_DB, differenceDb)) * 10) / 10.0;
        if (Math.abs(gain) < MIN_MOVE_DB) {
            return;
        }
        eq.add(new EqBand(type, frequencyHz, q, gain, 12, String.format(Locale.ROOT,
                "master %+.1f dB %s to match the %s of %s", gain, where, what, reference.getFileName())));
    }
}
