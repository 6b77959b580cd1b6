package org.neuromix.engine.train;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Random;

import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.dsp.BiquadCoefficients;
import org.neuromix.engine.dsp.FilterType;

/**
 * A small source-filter singing voice of our own, for sung lead and backing vocal stems in
 * training data. The source is a band-limited Rosenberg glottal pulse (flow rolls off about
 * −12 dB/octave; its derivative, the lips' radiation, makes it −6 dB/octave) with vibrato,
 * jitter, shimmer, portamento between legato notes and aspiration noise. It drives a cascade of
 * five Klatt resonators holding vowel formants (male/tenor or female/alto-soprano set chosen by
 * the pitch), which glide between syllables. LEAD syllables may open with a fricative, plosive,
 * nasal or liquid consonant; BACKING sings soft open vowels only.
 */
public final class SingingVoice {
    public static final int SAMPLE_RATE_HZ = 48_000;

    /** A sung note: start and length in seconds, MIDI pitch (any; the caller transposes into range), velocity 1-127. */
    public record Note(double startSeconds, double lengthSeconds, int midiPitch, int velocity) { }

    /** Voice kinds: LEAD is one clear voice; BACKING is a soft, breathier voice on open vowels ("ah", "oo"), as a choir part sings. */
    public enum Kind { LEAD, BACKING }

    /** Pitches outside a generous voice range are clamped here rather than aliasing or rumbling. */
    private static final double LOWEST_PITCH_HZ = 50;
    private static final double HIGHEST_PITCH_HZ = 2000;
    /** Source harmonics stop at Nyquist/2, so interpolation and vibrato never fold them back. */
    private static final double HARMONIC_LIMIT_HZ = SAMPLE_RATE_HZ / 4.0;
    private static final int TABLE_SIZE = 2048;
    private static final int TABLE_BANDS_PER_OCTAVE = 4;
    /** Formant coefficients and the source table are chosen once per block: 0.67 ms, far below the 30 ms glides. */
    private static final int CONTROL_BLOCK_FRAMES = 32;
    /** Steady voiced RMS of a velocity-127 vowel; its crest factor of about 2.4 puts the peak near 0.5. */
    private static final double TARGET_RMS_AT_FULL_VELOCITY = 0.21;

    private static final double LEGATO_GAP_SECONDS = 0.030;
    private static final double PORTAMENTO_SECONDS = 0.040;
    private static final double FORMANT_GLIDE_SECONDS = 0.030;
    private static final double VIBRATO_DELAY_SECONDS = 0.25;
    private static final double VIBRATO_FADE_IN_SECONDS = 0.30;
    /** Once everything has been silent this long the resonators have rung out (-100 dB) and rendering skips ahead. */
    private static final double SILENCE_BEFORE_SKIP_SECONDS = 0.050;

    private static final int FORMANT_COUNT = 5;

    /** Formant frequencies and bandwidths (Hz) of one vocal-tract shape, for the five cascaded resonators. */
    private record Formants(double[] frequenciesHz, double[] bandwidthsHz) { }

    /**
     * Vowels with Peterson &amp; Barney / Hillenbrand averages for adult male (tenor-ish) and female
     * (alto/soprano-ish) voices; F4 and F5 are typical values. Bandwidths are Klatt-like.
     */
    enum Vowel {
        A(new double[] {730, 1090, 2440, 3400, 4000}, new double[] {850, 1220, 2810, 3900, 4700}),
        E(new double[] {480, 2050, 2650, 3500, 4100}, new double[] {530, 2450, 3000, 4000, 4800}),
        I(new double[] {270, 2290, 3010, 3500, 4100}, new double[] {310, 2790, 3310, 4100, 4900}),
        O(new double[] {540, 850, 2450, 3300, 4000}, new double[] {560, 980, 2800, 3800, 4600}),
        U(new double[] {300, 870, 2240, 3300, 4000}, new double[] {370, 950, 2670, 3800, 4600});

        private final double[] maleHz;
        private final double[] femaleHz;

        Vowel(double[] maleHz, double[] femaleHz) {
            this.maleHz = maleHz;
            this.femaleHz = femaleHz;
        }
    }

    private static final double[] VOWEL_BANDWIDTHS_HZ = {80, 90, 120, 150, 200};

    private enum ConsonantClass { NONE, FRICATIVE, PLOSIVE, NASAL, LIQUID }

    /**
     * Syllable onsets. Fricatives and bursts are band-passed noise (centre, Q, level relative to the
     * vowel's amplitude); nasals and liquids are voiced with their own damped formants and level.
     */
    private enum Consonant {
        NONE(ConsonantClass.NONE, 0, 1, 0, 0, null),
        S(ConsonantClass.FRICATIVE, 6700, 1.7, 0.9, 0.075, null),
        SH(ConsonantClass.FRICATIVE, 3600, 1.4, 1.0, 0.080, null),
        F(ConsonantClass.FRICATIVE, 4500, 0.5, 0.35, 0.060, null),
        P(ConsonantClass.PLOSIVE, 1000, 0.7, 1.4, 0.015, null),
        T(ConsonantClass.PLOSIVE, 4500, 1.0, 1.6, 0.012, null),
        K(ConsonantClass.PLOSIVE, 2200, 1.5, 1.6, 0.018, null),
        M(ConsonantClass.NASAL, 0, 1, 0.30, 0.060,
                new Formants(new double[] {260, 1100, 2300, 3300, 4100}, new double[] {100, 300, 400, 500, 600})),
        N(ConsonantClass.NASAL, 0, 1, 0.30, 0.060,
                new Formants(new double[] {260, 1700, 2500, 3400, 4200}, new double[] {100, 300, 400, 500, 600})),
        L(ConsonantClass.LIQUID, 0, 1, 0.50, 0.050,
                new Formants(new double[] {380, 1000, 2600, 3300, 4000}, new double[] {80, 120, 200, 250, 300}));

        private final ConsonantClass consonantClass;
        private final double noiseCentreHz;
        private final double noiseQ;
        private final double level;
        private final double lengthSeconds;
        private final Formants voicedFormants;

        Consonant(ConsonantClass consonantClass, double noiseCentreHz, double noiseQ, double level, double lengthSeconds,
                  Formants voicedFormants) {
            this.consonantClass = consonantClass;
            this.noiseCentreHz = noiseCentreHz;
            this.noiseQ = noiseQ;
            this.level = level;
            this.lengthSeconds = lengthSeconds;
            this.voicedFormants = voicedFormants;
        }
    }

    /** Seeded choice for LEAD onsets: a third start on the vowel itself. */
    private static final Consonant[] LEAD_ONSETS = {
        Consonant.NONE, Consonant.NONE, Consonant.NONE, Consonant.NONE, Consonant.S, Consonant.SH, Consonant.F,
        Consonant.T, Consonant.K, Consonant.P, Consonant.M, Consonant.N, Consonant.L};
    private static final Vowel[] LEAD_VOWELS = {Vowel.A, Vowel.A, Vowel.A, Vowel.E, Vowel.E, Vowel.I, Vowel.O, Vowel.O, Vowel.U};
    private static final Vowel[] BACKING_VOWELS = {Vowel.A, Vowel.A, Vowel.O, Vowel.U};

    /** Per-kind voice character. */
    private record Character(double aspirationLevel, double sourceLowPassHz, double vibratoMinCents, double vibratoMaxCents,
                             double attackSeconds, double releaseSeconds) { }

    private static final Character LEAD_CHARACTER = new Character(0.06, 0, 20, 40, 0.030, 0.070);
    /** Breathier (more aspiration), softer (source low-passed), calmer vibrato, slower attack. */
    private static final Character BACKING_CHARACTER = new Character(0.22, 2200, 15, 25, 0.040, 0.080);

    // ---- Band-limited glottal source ------------------------------------------------------------

    /** Harmonic amplitudes and phases (index = harmonic number) of the Rosenberg pulse derivative, unit RMS in all. */
    private static final double[] HARMONIC_AMPLITUDES;
    private static final double[] HARMONIC_PHASES;
    /** One table per quarter octave of pitch, each with the harmonics that stay below HARMONIC_LIMIT_HZ. */
    private static final float[][] SOURCE_TABLES;
    private static final int[] SOURCE_TABLE_HARMONICS;

    static {
        int maxHarmonic = (int) Math.floor(HARMONIC_LIMIT_HZ / LOWEST_PITCH_HZ);
        int pulsePoints = 4096;
        double openingFraction = 0.40;
        double closingFraction = 0.16;
        double[] flow = new double[pulsePoints];
        for (int n = 0; n < pulsePoints; n++) {
            double t = (double) n / pulsePoints;
            if (t < openingFraction) {
                flow[n] = 0.5 * (1 - Math.cos(Math.PI * t / openingFraction));
            } else if (t < openingFraction + closingFraction) {
                flow[n] = Math.cos(Math.PI * (t - openingFraction) / (2 * closingFraction));
            }
        }
        double[] cosine = new double[pulsePoints];
        double[] sine = new double[pulsePoints];
        for (int n = 0; n < pulsePoints; n++) {
            cosine[n] = Math.cos(2 * Math.PI * n / pulsePoints);
            sine[n] = Math.sin(2 * Math.PI * n / pulsePoints);
        }
        HARMONIC_AMPLITUDES = new double[maxHarmonic + 1];
        HARMONIC_PHASES = new double[maxHarmonic + 1];
        double power = 0;
        for (int k = 1; k <= maxHarmonic; k++) {
            double re = 0;
            double im = 0;
            for (int n = 0; n < pulsePoints; n++) {
                int index = (int) (((long) k * n) % pulsePoints);
                re += flow[n] * cosine[index];
                im -= flow[n] * sine[index];
            }
            re /= pulsePoints;
            im /= pulsePoints;
            // Derivative: multiply by j*2*pi*k. A real cosine series has amplitude 2|c_k|.
            double derivativeRe = -2 * Math.PI * k * im;
            double derivativeIm = 2 * Math.PI * k * re;
            HARMONIC_AMPLITUDES[k] = 2 * Math.hypot(derivativeRe, derivativeIm);
            HARMONIC_PHASES[k] = Math.atan2(derivativeIm, derivativeRe);
            power += HARMONIC_AMPLITUDES[k] * HARMONIC_AMPLITUDES[k] / 2;
        }
        double unitRms = 1 / Math.sqrt(power);
        for (int k = 1; k <= maxHarmonic; k++) {
            HARMONIC_AMPLITUDES[k] *= unitRms;
        }

        int bands = (int) Math.ceil(TABLE_BANDS_PER_OCTAVE * Math.log(HIGHEST_PITCH_HZ / LOWEST_PITCH_HZ) / Math.log(2));
        SOURCE_TABLES = new float[bands][];
        SOURCE_TABLE_HARMONICS = new int[bands];
        double[] tableCosine = new double[TABLE_SIZE];
        double[] tableSine = new double[TABLE_SIZE];
        for (int i = 0; i < TABLE_SIZE; i++) {
            tableCosine[i] = Math.cos(2 * Math.PI * i / TABLE_SIZE);
            tableSine[i] = Math.sin(2 * Math.PI * i / TABLE_SIZE);
        }
        for (int band = 0; band < bands; band++) {
            double bandTopHz = LOWEST_PITCH_HZ * Math.pow(2, (band + 1.0) / TABLE_BANDS_PER_OCTAVE);
            int harmonics = Math.max(1, Math.min(maxHarmonic, (int) Math.floor(HARMONIC_LIMIT_HZ / bandTopHz)));
            double[] values = new double[TABLE_SIZE];
            for (int k = 1; k <= harmonics; k++) {
                double cosPhase = HARMONIC_AMPLITUDES[k] * Math.cos(HARMONIC_PHASES[k]);
                double sinPhase = HARMONIC_AMPLITUDES[k] * Math.sin(HARMONIC_PHASES[k]);
                for (int i = 0; i < TABLE_SIZE; i++) {
                    int index = (k * i) & (TABLE_SIZE - 1);
                    values[i] += cosPhase * tableCosine[index] - sinPhase * tableSine[index];
                }
            }
            float[] table = new float[TABLE_SIZE + 1];
            for (int i = 0; i < TABLE_SIZE; i++) {
                table[i] = (float) values[i];
            }
            table[TABLE_SIZE] = table[0];
            SOURCE_TABLES[band] = table;
            SOURCE_TABLE_HARMONICS[band] = harmonics;
        }
    }

    private static int sourceBand(double frequencyHz) {
        int band = (int) Math.ceil(TABLE_BANDS_PER_OCTAVE * Math.log(frequencyHz / LOWEST_PITCH_HZ) / Math.log(2)) - 1;
        return Math.max(0, Math.min(SOURCE_TABLES.length - 1, band));
    }

    private SingingVoice() {
    }

    /**
     * Sings the notes, one syllable per note (seeded choice of consonant + vowel for LEAD; open vowels for BACKING),
     * into a stereo buffer of exactly {@code frames} frames at SAMPLE_RATE_HZ, mono in the centre (both channels equal).
     * Level: amplitude follows GM velocity as (velocity/127)^2 in power terms like a GM synth, i.e. gain = (v/127)^2;
     * a note at velocity 127 peaks near 0.5 full scale. Overlapping notes: the later one takes over (a singer is monophonic).
     * Deterministic for the same arguments (seeded java.util.Random only).
     */
    public static AudioBuffer sing(List<Note> notes, Kind kind, long seed, int frames) {
        return render(notes, kind, seed, frames, null);
    }

    /** As {@link #sing} for LEAD, but every syllable is the given vowel with no consonant (for tests and checks). */
    static AudioBuffer singVowel(List<Note> notes, Vowel vowel, long seed, int frames) {
        return render(notes, Kind.LEAD, seed, frames, Objects.requireNonNull(vowel, "vowel"));
    }

    private static AudioBuffer render(List<Note> notes, Kind kind, long seed, int frames, Vowel forcedVowel) {
        Objects.requireNonNull(notes, "notes");
        Objects.requireNonNull(kind, "kind");
        if (frames < 0) {
            throw new IllegalArgumentException("frames must be >= 0, was " + frames);
        }
        for (int i = 0; i < notes.size(); i++) {
            validate(notes.get(i), i);
        }
        float[] mono = new float[frames];
        if (frames > 0 && !notes.isEmpty()) {
            List<Syllable> syllables = planSyllables(notes, kind, seed, forcedVowel);
            new Renderer(kind == Kind.LEAD ? LEAD_CHARACTER : BACKING_CHARACTER, syllables, seed, mono).run();
        }
        float[] right = mono.clone();
        return new AudioBuffer(new float[][] {mono, right});
    }

    private static void validate(Note note, int index) {
        if (note == null) {
            throw new IllegalArgumentException("note " + index + " is null");
        }
        if (!Double.isFinite(note.startSeconds()) || note.startSeconds() < 0) {
            throw new IllegalArgumentException("note " + index + ": startSeconds must be finite and >= 0, was " + note.startSeconds());
        }
        if (!Double.isFinite(note.lengthSeconds()) || note.lengthSeconds() < 0) {
            throw new IllegalArgumentException("note " + index + ": lengthSeconds must be finite and >= 0, was " + note.lengthSeconds());
        }
        if (note.velocity() < 1 || note.velocity() > 127) {
            throw new IllegalArgumentException("note " + index + ": velocity must be in 1..127, was " + note.velocity());
        }
    }

    // ---- Planning: one syllable per note, with its timing in frames -----------------------------

    /** A note as it will be sung: effective frames (the later note takes over), syllable and vibrato choices. */
    private record Syllable(int startFrame, int endFrame, boolean legatoFromPrevious, boolean legatoIntoNext,
                            double pitchHz, double gain, Consonant consonant, int consonantFrames, Vowel vowel,
                            double vibratoRateHz, double vibratoDepthCents) { }

    private static List<Syllable> planSyllables(List<Note> notes, Kind kind, long seed, Vowel forcedVowel) {
        List<Note> sorted = new ArrayList<>(notes);
        sorted.removeIf(note -> note.lengthSeconds() <= 0); // a zero-length note sings nothing
        sorted.sort(Comparator.comparingDouble(Note::startSeconds)); // stable: equal starts keep list order
        Random choices = new Random(seed);
        Character character = kind == Kind.LEAD ? LEAD_CHARACTER : BACKING_CHARACTER;
        int legatoGapFrames = seconds(LEGATO_GAP_SECONDS);
        List<Syllable> syllables = new ArrayList<>();
        int previousEndFrame = Integer.MIN_VALUE / 2;
        Vowel previousVowel = null;
        for (int i = 0; i < sorted.size(); i++) {
            Note note = sorted.get(i);
            int startFrame = seconds(note.startSeconds());
            int endFrame = seconds(note.startSeconds() + note.lengthSeconds());
            boolean legatoIntoNext = false;
            if (i + 1 < sorted.size()) {
                int nextStartFrame = seconds(sorted.get(i + 1).startSeconds());
                endFrame = Math.min(endFrame, nextStartFrame); // the later note takes over
                legatoIntoNext = nextStartFrame - endFrame < legatoGapFrames;
            }
            // Random draws happen for every note, whatever is forced, so choices stay aligned across kinds of call.
            Consonant consonant = LEAD_ONSETS[choices.nextInt(LEAD_ONSETS.length)];
            Vowel leadVowel = LEAD_VOWELS[choices.nextInt(LEAD_VOWELS.length)];
            Vowel backingVowel = BACKING_VOWELS[choices.nextInt(BACKING_VOWELS.length)];
            boolean keepBackingVowel = choices.nextDouble() < 0.7; // a choir part holds its vowel for a while
            double vibratoRateHz = 5.0 + choices.nextDouble();
            double vibratoDepthCents = character.vibratoMinCents()
                    + (character.vibratoMaxCents() - character.vibratoMinCents()) * choices.nextDouble();
            if (endFrame <= startFrame) {
                continue; // fully taken over by a note starting at the same frame
            }
            Vowel vowel;
            if (forcedVowel != null) {
                vowel = forcedVowel;
                consonant = Consonant.NONE;
            } else if (kind == Kind.LEAD) {
                vowel = leadVowel;
            } else {
                vowel = keepBackingVowel && previousVowel != null ? previousVowel : backingVowel;
                consonant = Consonant.NONE;
            }
            // Consonants take at most 40 % of the note so short notes still have a vowel.
            int consonantFrames = Math.min(seconds(consonantSeconds(consonant)), (int) (0.4 * (endFrame - startFrame)));
            double pitchHz = 440 * Math.pow(2, (note.midiPitch() - 69) / 12.0);
            pitchHz = Math.max(LOWEST_PITCH_HZ, Math.min(HIGHEST_PITCH_HZ, pitchHz));
            double velocityFraction = note.velocity() / 127.0;
            boolean legatoFromPrevious = startFrame - previousEndFrame < legatoGapFrames;
            syllables.add(new Syllable(startFrame, endFrame, legatoFromPrevious, legatoIntoNext, pitchHz,
                    velocityFraction * velocityFraction, consonant, consonantFrames, vowel, vibratoRateHz, vibratoDepthCents));
            previousEndFrame = endFrame;
            previousVowel = vowel;
        }
        // Legato flags must agree with the syllables actually kept.
        for (int i = 0; i < syllables.size(); i++) {
            Syllable s = syllables.get(i);
            boolean into = i + 1 < syllables.size() && syllables.get(i + 1).legatoFromPrevious();
            if (into != s.legatoIntoNext()) {
                syllables.set(i, new Syllable(s.startFrame(), s.endFrame(), s.legatoFromPrevious(), into, s.pitchHz(),
                        s.gain(), s.consonant(), s.consonantFrames(), s.vowel(), s.vibratoRateHz(), s.vibratoDepthCents()));
            }
        }
        return syllables;
    }

    /** Whole consonant lengths: closure + burst + aspiration for plosives. */
    private static double consonantSeconds(Consonant consonant) {
        return switch (consonant.consonantClass) {
            case NONE -> 0;
            case PLOSIVE -> PLOSIVE_CLOSURE_SECONDS + consonant.lengthSeconds + PLOSIVE_ASPIRATION_SECONDS;
            default -> consonant.lengthSeconds;
        };
    }

    private static final double PLOSIVE_CLOSURE_SECONDS = 0.035;
    private static final double PLOSIVE_ASPIRATION_SECONDS = 0.020;

    private static int seconds(double seconds) {
        return (int) Math.round(seconds * SAMPLE_RATE_HZ);
    }

    /** The formants of a vowel at a pitch: male set low, female set high, blended between 180 and 300 Hz. */
    private static Formants vowelFormants(Vowel vowel, double pitchHz) {
        double female = Math.max(0, Math.min(1, (pitchHz - 180) / 120));
        double[] frequencies = new double[FORMANT_COUNT];
        for (int k = 0; k < FORMANT_COUNT; k++) {
            frequencies[k] = vowel.maleHz[k] + female * (vowel.femaleHz[k] - vowel.maleHz[k]);
        }
        // Singers raise F1 above a high fundamental ("formant tuning") instead of losing it.
        frequencies[0] = Math.max(frequencies[0], 1.1 * pitchHz);
        for (int k = 1; k < FORMANT_COUNT; k++) {
            frequencies[k] = Math.max(frequencies[k], frequencies[k - 1] + 200);
        }
        return new Formants(frequencies, VOWEL_BANDWIDTHS_HZ.clone());
    }

    /**
     * Gain that brings the steady voiced sound of these formants at this pitch to the target RMS,
     * from the source harmonics and the filters' responses: vowels and pitches come out equally loud.
     */
    private static double voicedNormalisation(Formants formants, double pitchHz, double sourceLowPassHz) {
        int band = sourceBand(pitchHz);
        int harmonics = SOURCE_TABLE_HARMONICS[band];
        double lowPassCoefficient = sourceLowPassHz > 0 ? 1 - Math.exp(-2 * Math.PI * sourceLowPassHz / SAMPLE_RATE_HZ) : 1;
        double power = 0;
        for (int k = 1; k <= harmonics; k++) {
            double omega = 2 * Math.PI * k * pitchHz / SAMPLE_RATE_HZ;
            if (omega >= Math.PI) {
                break;
            }
            double magnitudeSquared = 1;
            for (int f = 0; f < FORMANT_COUNT; f++) {
                double[] abc = resonatorCoefficients(formants.frequenciesHz()[f], formants.bandwidthsHz()[f]);
                double re = 1 - abc[1] * Math.cos(omega) - abc[2] * Math.cos(2 * omega);
                double im = abc[1] * Math.sin(omega) + abc[2] * Math.sin(2 * omega);
                magnitudeSquared *= abc[0] * abc[0] / (re * re + im * im);
            }
            double pole = 1 - lowPassCoefficient;
            magnitudeSquared *= lowPassCoefficient * lowPassCoefficient / (1 - 2 * pole * Math.cos(omega) + pole * pole);
            double amplitude = HARMONIC_AMPLITUDES[k];
            power += amplitude * amplitude / 2 * magnitudeSquared;
        }
        return TARGET_RMS_AT_FULL_VELOCITY / Math.sqrt(Math.max(power, 1e-12));
    }

    /** Klatt resonator y = a x + b y1 + c y2, unit gain at DC. */
    private static double[] resonatorCoefficients(double frequencyHz, double bandwidthHz) {
        double radius = Math.exp(-Math.PI * bandwidthHz / SAMPLE_RATE_HZ);
        double c = -radius * radius;
        double b = 2 * radius * Math.cos(2 * Math.PI * frequencyHz / SAMPLE_RATE_HZ);
        return new double[] {1 - b - c, b, c};
    }

    // ---- Rendering ------------------------------------------------------------------------------

    /** A linear ramp to a target over a number of frames: envelopes without clicks. */
    private static final class Ramp {
        double value;
        double target;
        double step;

        void moveTo(double newTarget, int frames) {
            target = newTarget;
            if (frames <= 0) {
                value = newTarget;
                step = 0;
            } else {
                step = (newTarget - value) / frames;
            }
        }

        double next() {
            if (value != target) {
                value += step;
                if ((step > 0 && value > target) || (step < 0 && value < target) || step == 0) {
                    value = target;
                }
            }
            return value;
        }

        boolean atZero() {
            return value == 0 && target == 0;
        }
    }

    /** What happens at a frame: the renderer walks these in time order. */
    private enum EventType { SYLLABLE_START, NOISE_OFF, BURST, BURST_DECAY, ASPIRATION, VOWEL, RELEASE }

    /** A plosive burst rises in 1 ms and decays linearly over the rest of its length. */
    private static final int BURST_RISE_FRAMES = seconds(0.001);

    private record Event(int frame, EventType type, int syllable) { }

    private static final class Renderer {
        private final Character character;
        private final List<Syllable> syllables;
        private final float[] out;
        private final Random noise;
        private final List<Event> events = new ArrayList<>();

        // Envelopes (amplitudes include the note's velocity gain).
        private final Ramp voicing = new Ramp();
        private final Ramp aspiration = new Ramp();
        private final Ramp consonantNoise = new Ramp();

        // Pitch: glide in log2(Hz), vibrato and per-period jitter/shimmer.
        private double glideFromLog2;
        private double glideToLog2;
        private int glideStartFrame;
        private int glideFrames = 1;
        private double vibratoPhase;
        private double vibratoRateHz = 5.5;
        private double vibratoDepthCents;
        private int noteStartFrame;
        private double sourcePhase;
        private double jitterFactor = 1;
        private double shimmerFactor = 1;
        private double sourceLowPassState;
        private final double sourceLowPassCoefficient;

        // Formants: glide from one shape (and its normalisation) to another.
        private final double[] formantFromHz = new double[FORMANT_COUNT];
        private final double[] formantToHz = new double[FORMANT_COUNT];
        private final double[] bandwidthFromHz = new double[FORMANT_COUNT];
        private final double[] bandwidthToHz = new double[FORMANT_COUNT];
        private double normalisationFrom;
        private double normalisationTo;
        private int formantGlideStartFrame;
        private int formantGlideFrames = 1;
        private final double[] resonatorA = new double[FORMANT_COUNT];
        private final double[] resonatorB = new double[FORMANT_COUNT];
        private final double[] resonatorC = new double[FORMANT_COUNT];
        private final double[] resonatorY1 = new double[FORMANT_COUNT];
        private final double[] resonatorY2 = new double[FORMANT_COUNT];
        private double normalisation;
        private float[] sourceTable = SOURCE_TABLES[0];

        // Consonant noise band-pass, transposed direct form II.
        private BiquadCoefficients noiseFilter;
        private double noiseState1;
        private double noiseState2;

        private int silentFrames = Integer.MAX_VALUE / 2;

        Renderer(Character character, List<Syllable> syllables, long seed, float[] out) {
            this.character = character;
            this.syllables = syllables;
            this.out = out;
            this.noise = new Random(seed ^ 0x5DEECE66DL * 31 + 7);
            this.sourceLowPassCoefficient = character.sourceLowPassHz() > 0
                    ? 1 - Math.exp(-2 * Math.PI * character.sourceLowPassHz() / SAMPLE_RATE_HZ) : 1;
            buildEvents();
        }

        private void buildEvents() {
            for (int i = 0; i < syllables.size(); i++) {
                Syllable s = syllables.get(i);
                events.add(new Event(s.startFrame(), EventType.SYLLABLE_START, i));
                int c = s.consonantFrames();
                switch (s.consonant().consonantClass) {
                    case NONE -> events.add(new Event(s.startFrame(), EventType.VOWEL, i));
                    case FRICATIVE, NASAL, LIQUID -> {
                        events.add(new Event(s.startFrame() + c, EventType.NOISE_OFF, i));
                        events.add(new Event(s.startFrame() + Math.max(0, c - seconds(0.010)), EventType.VOWEL, i));
                    }
                    case PLOSIVE -> {
                        // Closure, burst and aspiration in proportion to their full lengths when shortened.
                        int closure = closureFrames(s);
                        int burst = burstFrames(s);
                        events.add(new Event(s.startFrame() + closure, EventType.BURST, i));
                        events.add(new Event(s.startFrame() + closure + Math.min(burst, BURST_RISE_FRAMES), EventType.BURST_DECAY, i));
                        events.add(new Event(s.startFrame() + closure + burst, EventType.ASPIRATION, i));
                        events.add(new Event(s.startFrame() + c, EventType.VOWEL, i));
                    }
                }
                if (!s.legatoIntoNext()) {
                    events.add(new Event(s.endFrame(), EventType.RELEASE, i));
                }
            }
            // Stable sort keeps each syllable's own order at equal frames.
            events.sort(Comparator.comparingInt(Event::frame));
        }

        private static int closureFrames(Syllable s) {
            return (int) (s.consonantFrames() * PLOSIVE_CLOSURE_SECONDS / consonantSeconds(s.consonant()));
        }

        private static int burstFrames(Syllable s) {
            return (int) (s.consonantFrames() * s.consonant().lengthSeconds / consonantSeconds(s.consonant()));
        }

        void run() {
            int frames = out.length;
            int eventIndex = 0;
            int frame = 0;
            while (frame < frames) {
                boolean applied = false;
                while (eventIndex < events.size() && events.get(eventIndex).frame() <= frame) {
                    apply(events.get(eventIndex), frame);
                    eventIndex++;
                    silentFrames = 0;
                    applied = true;
                }
                boolean silent = voicing.atZero() && aspiration.atZero() && consonantNoise.atZero();
                if (silent && silentFrames >= seconds(SILENCE_BEFORE_SKIP_SECONDS)) {
                    // Nothing sounds: leave zeros, forget the filters' negligible tails, jump to the next event.
                    resetFilters();
                    frame = eventIndex < events.size() ? Math.min(frames, events.get(eventIndex).frame()) : frames;
                    continue;
                }
                if (applied || (frame % CONTROL_BLOCK_FRAMES) == 0) {
                    updateControls(frame);
                }
                out[frame] = renderSample(frame);
                silentFrames = silent ? silentFrames + 1 : 0;
                frame++;
            }
        }

        private void resetFilters() {
            java.util.Arrays.fill(resonatorY1, 0);
            java.util.Arrays.fill(resonatorY2, 0);
            noiseState1 = 0;
            noiseState2 = 0;
            sourceLowPassState = 0;
        }

        private void apply(Event event, int frame) {
            Syllable s = syllables.get(event.syllable());
            boolean soundingBefore = !voicing.atZero();
            switch (event.type()) {
                case SYLLABLE_START -> startSyllable(s, frame, soundingBefore);
                case NOISE_OFF -> consonantNoise.moveTo(0, seconds(0.015));
                case BURST -> consonantNoise.moveTo(s.gain() * s.consonant().level, BURST_RISE_FRAMES);
                case BURST_DECAY -> consonantNoise.moveTo(0, Math.max(1, burstFrames(s) - BURST_RISE_FRAMES));
                case ASPIRATION -> aspiration.moveTo(s.gain() * Math.max(character.aspirationLevel(), 0.5), seconds(0.005));
                case VOWEL -> {
                    Formants vowel = vowelFormants(s.vowel(), s.pitchHz());
                    glideFormants(vowel, s.pitchHz(), frame, soundingBefore ? seconds(FORMANT_GLIDE_SECONDS) : 0);
                    double attack = voicing.value >= 0.25 * s.gain() ? FORMANT_GLIDE_SECONDS : character.attackSeconds();
                    voicing.moveTo(s.gain(), seconds(attack));
                    aspiration.moveTo(s.gain() * character.aspirationLevel(), seconds(attack));
                }
                case RELEASE -> {
                    voicing.moveTo(0, seconds(character.releaseSeconds()));
                    aspiration.moveTo(0, seconds(character.releaseSeconds()));
                    consonantNoise.moveTo(0, seconds(0.010));
                }
            }
        }

        private void startSyllable(Syllable s, int frame, boolean soundingBefore) {
            double currentLog2 = currentPitchLog2(frame);
            double targetLog2 = Math.log(s.pitchHz()) / Math.log(2);
            glideFromLog2 = s.legatoFromPrevious() && soundingBefore ? currentLog2 : targetLog2;
            glideToLog2 = targetLog2;
            glideStartFrame = frame;
            glideFrames = seconds(PORTAMENTO_SECONDS);
            noteStartFrame = frame;
            vibratoRateHz = s.vibratoRateHz();
            vibratoDepthCents = s.vibratoDepthCents();
            Consonant consonant = s.consonant();
            int toneFrames = soundingBefore ? seconds(0.010) : 0;
            switch (consonant.consonantClass) {
                case NONE -> { }
                case FRICATIVE -> {
                    voicing.moveTo(0, toneFrames);
                    aspiration.moveTo(0, toneFrames);
                    setNoiseFilter(consonant);
                    consonantNoise.moveTo(s.gain() * consonant.level, seconds(0.015));
                    glideFormants(vowelFormants(s.vowel(), s.pitchHz()), s.pitchHz(), frame, toneFrames);
                }
                case PLOSIVE -> {
                    voicing.moveTo(0, toneFrames); // closure
                    aspiration.moveTo(0, toneFrames);
                    setNoiseFilter(consonant);
                    glideFormants(vowelFormants(s.vowel(), s.pitchHz()), s.pitchHz(), frame, toneFrames);
                }
                case NASAL, LIQUID -> {
                    glideFormants(consonant.voicedFormants, s.pitchHz(), frame, toneFrames);
                    voicing.moveTo(s.gain() * consonant.level, seconds(0.015));
                    aspiration.moveTo(s.gain() * consonant.level * character.aspirationLevel(), seconds(0.015));
                }
            }
        }

        private void setNoiseFilter(Consonant consonant) {
            noiseFilter = BiquadCoefficients.design(FilterType.BAND_PASS, consonant.noiseCentreHz, consonant.noiseQ, 0,
                    SAMPLE_RATE_HZ);
        }

        private void glideFormants(Formants target, double pitchHz, int frame, int frames) {
            double progress = formantProgress(frame);
            for (int k = 0; k < FORMANT_COUNT; k++) {
                formantFromHz[k] = formantFromHz[k] + (formantToHz[k] - formantFromHz[k]) * progress;
                bandwidthFromHz[k] = bandwidthFromHz[k] + (bandwidthToHz[k] - bandwidthFromHz[k]) * progress;
                formantToHz[k] = target.frequenciesHz()[k];
                bandwidthToHz[k] = target.bandwidthsHz()[k];
            }
            normalisationFrom = normalisationFrom + (normalisationTo - normalisationFrom) * progress;
            normalisationTo = voicedNormalisation(target, pitchHz, character.sourceLowPassHz());
            formantGlideStartFrame = frame;
            formantGlideFrames = Math.max(1, frames);
            if (frames <= 0) {
                System.arraycopy(formantToHz, 0, formantFromHz, 0, FORMANT_COUNT);
                System.arraycopy(bandwidthToHz, 0, bandwidthFromHz, 0, FORMANT_COUNT);
                normalisationFrom = normalisationTo;
            }
        }

        /** Smooth (raised-cosine) progress of the formant glide, 0..1. */
        private double formantProgress(int frame) {
            double linear = Math.min(1, Math.max(0, (double) (frame - formantGlideStartFrame) / formantGlideFrames));
            return 0.5 - 0.5 * Math.cos(Math.PI * linear);
        }

        private double currentPitchLog2(int frame) {
            double linear = Math.min(1, Math.max(0, (double) (frame - glideStartFrame) / glideFrames));
            double smooth = 0.5 - 0.5 * Math.cos(Math.PI * linear);
            return glideFromLog2 + (glideToLog2 - glideFromLog2) * smooth;
        }

        private void updateControls(int frame) {
            double progress = formantProgress(frame);
            for (int k = 0; k < FORMANT_COUNT; k++) {
                double frequencyHz = formantFromHz[k] + (formantToHz[k] - formantFromHz[k]) * progress;
                double bandwidthHz = bandwidthFromHz[k] + (bandwidthToHz[k] - bandwidthFromHz[k]) * progress;
                double[] abc = resonatorCoefficients(Math.max(50, frequencyHz), Math.max(20, bandwidthHz));
                resonatorA[k] = abc[0];
                resonatorB[k] = abc[1];
                resonatorC[k] = abc[2];
            }
            normalisation = normalisationFrom + (normalisationTo - normalisationFrom) * progress;
            sourceTable = SOURCE_TABLES[sourceBand(Math.pow(2, currentPitchLog2(frame)) * 1.03)];
        }

        private float renderSample(int frame) {
            // Pitch: glide, then vibrato fading in after the note has settled, then per-period jitter.
            double secondsIntoNote = (double) (frame - noteStartFrame) / SAMPLE_RATE_HZ;
            double vibratoAmount = Math.min(1, Math.max(0, (secondsIntoNote - VIBRATO_DELAY_SECONDS) / VIBRATO_FADE_IN_SECONDS));
            vibratoPhase += vibratoRateHz / SAMPLE_RATE_HZ;
            if (vibratoPhase >= 1) {
                vibratoPhase -= 1;
            }
            double vibratoCents = vibratoDepthCents * vibratoAmount * Math.sin(2 * Math.PI * vibratoPhase);
            double frequencyHz = Math.pow(2, currentPitchLog2(frame) + vibratoCents / 1200) * jitterFactor;
            sourcePhase += frequencyHz / SAMPLE_RATE_HZ;
            if (sourcePhase >= 1) {
                sourcePhase -= Math.floor(sourcePhase);
                // A new glottal period: a little random period (jitter) and amplitude (shimmer) variation.
                jitterFactor = 1 + Math.max(-0.015, Math.min(0.015, 0.005 * noise.nextGaussian()));
                shimmerFactor = 1 + Math.max(-0.1, Math.min(0.1, 0.035 * noise.nextGaussian()));
            }
            double tablePosition = sourcePhase * TABLE_SIZE;
            int index = (int) tablePosition;
            double fraction = tablePosition - index;
            double pulse = sourceTable[index] + (sourceTable[index + 1] - sourceTable[index]) * fraction;

            // Aspiration: white noise, stronger while the glottis is open (first 56 % of the period).
            double whiteNoise = (noise.nextDouble() * 2 - 1) * 1.7320508; // unit variance
            double openGlottis = sourcePhase < 0.56 ? 1.0 : 0.4;
            double voicingAmplitude = voicing.next();
            double aspirationAmplitude = aspiration.next();
            double excitation = voicingAmplitude * shimmerFactor * pulse + aspirationAmplitude * openGlottis * whiteNoise;
            sourceLowPassState += sourceLowPassCoefficient * (excitation - sourceLowPassState);
            double tract = sourceLowPassState;
            for (int k = 0; k < FORMANT_COUNT; k++) {
                double y = resonatorA[k] * tract + resonatorB[k] * resonatorY1[k] + resonatorC[k] * resonatorY2[k];
                resonatorY2[k] = resonatorY1[k];
                resonatorY1[k] = y;
                tract = y;
            }
            double sample = tract * normalisation;

            double noiseAmplitude = consonantNoise.next();
            if (noiseFilter != null && (noiseAmplitude != 0 || noiseState1 != 0 || noiseState2 != 0)) {
                double x = (noise.nextDouble() * 2 - 1) * 1.7320508 * noiseAmplitude * TARGET_RMS_AT_FULL_VELOCITY;
                double y = noiseFilter.b0() * x + noiseState1;
                noiseState1 = noiseFilter.b1() * x - noiseFilter.a1() * y + noiseState2;
                noiseState2 = noiseFilter.b2() * x - noiseFilter.a2() * y;
                if (Math.abs(noiseState1) < 1e-30 && Math.abs(noiseState2) < 1e-30) {
                    noiseState1 = 0; // keep the idle filter out of subnormal numbers
                    noiseState2 = 0;
                }
                sample += y;
            }
            if (!(sample == sample)) {
                sample = 0; // never NaN; cannot happen with these stable filters, but cheap to guard
            }
            return (float) Math.max(-1, Math.min(1, sample));
        }
    }
}
