package org.neuromix.engine.planner;

import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.analysis.StemAnalysis;

/**
 * A first audio-based role guess for stems whose names say nothing: a few transparent rules on
 * the analysis features (low-frequency share, transient density, spectral centroid, flatness).
 * Deliberately modest confidences, so any informative file name wins; a trained classifier is to
 * replace it.
 */
final class RoleFromAudio {
    private RoleFromAudio() {
    }

    static RoleDecision guess(StemAnalysis stem) {
        double low = stem.lowFrequencyShare();
        double transients = stem.transientsPerSecond();
        double centroid = stem.spectralCentroidHz();
        if (stem.isSilent()) {
            return new RoleDecision(Role.FX_OTHER, 0.1, "audio: silent");
        }
        if (low > 0.5 && transients < 1.5) {
            return new RoleDecision(Role.BASS, 0.5, "audio: sustained low end");
        }
        if (low > 0.3 && transients >= 1.5) {
            return new RoleDecision(Role.KICK, 0.45, "audio: percussive low end");
        }
        if (centroid > 5000 && transients >= 2) {
            return new RoleDecision(Role.HI_HAT_CYMBALS, 0.45, "audio: bright and percussive");
        }
        if (transients >= 2 && stem.spectralFlatness() > 0.2) {
            return new RoleDecision(Role.SNARE, 0.35, "audio: noisy and percussive");
        }
        if (transients < 0.5 && stem.activity() > 0.8) {
            return new RoleDecision(Role.SYNTH_PAD, 0.35, "audio: sustained throughout");
        }
        return new RoleDecision(Role.PIANO_KEYS, 0.25, "audio: tonal, no clear role");
    }
}
