package org.neuromix.engine.plan;

import java.util.List;

/**
 * What to do to a set of stems to make a mix: an immutable, versioned description that the AI
 * writes, a person can edit, and the renderer executes. Every decision carries a human-readable
 * {@code reason}. The JSON form is documented in {@code docs/mixplan.md} and
 * {@code docs/mixplan.schema.json}; {@link MixPlanJson} reads and writes it.
 */
public record MixPlan(int version, Target target, List<TrackPlan> tracks, List<BusPlan> buses, MasterPlan master) {
    /** The plan format this code reads and writes. */
    public static final int CURRENT_VERSION = 1;

    public MixPlan {
        tracks = List.copyOf(tracks);
        buses = List.copyOf(buses);
    }

    /**
     * The deliverable: integrated loudness, true-peak ceiling and file format of the mix.
     */
    public record Target(double loudnessLufs, double truePeakDbtp, int sampleRateHz, int bitDepth, String reason) {
    }

    /** One stem's channel strip: gate → EQ → compressor → de-esser → fader → pan → sends (post-fader). */
    public record TrackPlan(String id, String stem, String role, boolean muted, GainMove gain, PanMove pan,
                            List<EqBand> eq, GateMove gate, CompressorMove compressor, DeEsserMove deEsser,
                            List<Send> sends) {
        public TrackPlan {
            eq = List.copyOf(eq);
            sends = List.copyOf(sends);
        }
    }

    public record GainMove(double gainDb, boolean polarityInverted, String reason) {
    }

    /** Position −1 (left) to +1 (right); width 0 (mono) to 2, for stereo stems. */
    public record PanMove(double position, double width, String reason) {
    }

    /**
     * One EQ band. {@code type}: highPass, lowPass, lowShelf, highShelf, peaking, notch, bandPass;
     * {@code slopeDbPerOctave} 12 or 24 (24 for highPass/lowPass only); {@code gainDb} for
     * peaking and shelves.
     */
    public record EqBand(String type, double frequencyHz, double q, double gainDb, int slopeDbPerOctave, String reason) {
    }

    public record GateMove(double thresholdDb, double ratio, double rangeDb, double attackMs, double holdMs,
                           double releaseMs, String reason) {
    }

    /** {@code detection}: peak or rms; {@code sidechainHighPassHz} 0 = off. */
    public record CompressorMove(double thresholdDb, double ratio, double attackMs, double releaseMs, double kneeDb,
                                 double makeupGainDb, String detection, double sidechainHighPassHz, String reason) {
    }

    public record DeEsserMove(double frequencyHz, double thresholdDb, double ratio, double rangeDb, String reason) {
    }

    public record Send(String bus, double levelDb, String reason) {
    }

    /** An effect bus fed by track sends and returned to the master. */
    public record BusPlan(String id, ReverbMove reverb, double returnGainDb, String reason) {
    }

    public record ReverbMove(double preDelayMs, double decaySeconds, double damping, double width, String reason) {
    }

    /** The master chain: bus EQ → glue compressor → loudness normalisation → true-peak limiter. */
    public record MasterPlan(List<EqBand> eq, CompressorMove compressor, LimiterMove limiter, String reason) {
        public MasterPlan {
            eq = List.copyOf(eq);
        }
    }

    /** The ceiling comes from {@link Target#truePeakDbtp()}. */
    public record LimiterMove(double releaseMs, double lookaheadMs, String reason) {
    }
}
