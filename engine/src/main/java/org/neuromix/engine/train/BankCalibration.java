package org.neuromix.engine.train;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import javax.sound.midi.InvalidMidiDataException;
import javax.sound.midi.ShortMessage;

import org.neuromix.engine.audio.AudioBuffer;

/**
 * How loud one sound bank plays each General MIDI program and each drum-kit piece at the same
 * written level, so that a part's loudness can be told apart from its bank's preset levels.
 *
 * <p>Why: a musician set velocities and CC7 against the synthesizer they had, whose presets were
 * level-matched by its maker. Rendered with another bank, the same part lands wherever that
 * bank's preset level puts it — the same written part differs by 1.4-2.3 LU (median) and up to
 * 8 LU (P90) between the JDK, OPL-3 and Csound banks. That is bank noise in the reference
 * balance, which no model can predict from a stem's sound. {@link #towardConsensus} brings each
 * bank's presets to the banks' consensus: the same part then differs by 0.7 LU (median) between
 * banks instead of 2.0.
 *
 * <p>The probe: a short phrase at velocity 100, CC7 100, CC11 127, centre pan — five notes of one
 * second over the program's usual register (bass programs two octaves lower), or for a drum-kit
 * piece eight hits of each of its keys on the GM drum channel. Its integrated loudness (BS.1770)
 * is the program's level; a program the bank cannot sound gets no correction.
 */
public final class BankCalibration {
    /** Largest correction applied: beyond it the bank's preset is broken, not just off level. */
    public static final double MAX_CORRECTION_DB = 15;
    static final int VELOCITY = 100;
    static final int[] MELODIC_NOTES = {48, 55, 60, 67, 72};
    static final int[] BASS_NOTES = {28, 35, 40, 47, 52};
    static final double NOTE_SECONDS = 1.0;
    static final double GAP_SECONDS = 0.2;
    static final int HITS_PER_KEY = 8;
    static final double HIT_SECONDS = 0.25;

    private final double[] programLufs;
    private final double[] kitPieceLufs;
    private final double referenceLufs;

    private BankCalibration(double[] programLufs, double[] kitPieceLufs) {
        this.programLufs = programLufs;
        this.kitPieceLufs = kitPieceLufs;
        double[] finite = Arrays.stream(programLufs).filter(Double::isFinite).sorted().toArray();
        this.referenceLufs = finite.length == 0 ? Double.NaN : finite[finite.length / 2];
    }

    /** Renders every probe with {@code renderer}: 128 programs and five kit pieces, about 800 s of audio. */
    public static BankCalibration measure(GervillRenderer renderer) throws IOException {
        double[] programs = new double[128];
        for (int program = 0; program < 128; program++) {
            programs[program] = MusicianSessions.integratedLufs(render(renderer, melodicProbe(program)));
        }
        double[] pieces = new double[KIT_PIECE_KEYS.length];
        for (int piece = 0; piece < pieces.length; piece++) {
            pieces[piece] = MusicianSessions.integratedLufs(render(renderer, drumProbe(KIT_PIECE_KEYS[piece])));
        }
        return new BankCalibration(programs, pieces);
    }

    /** Levels measured elsewhere (tests). */
    static BankCalibration of(double[] programLufs, double[] kitPieceLufs) {
        return new BankCalibration(programLufs.clone(), kitPieceLufs.clone());
    }

    /** The probe loudness of each program 0-127 (NaN or −∞ where the bank is silent). */
    public double[] programLufs() {
        return programLufs.clone();
    }

    /** The probe loudness of each kit piece ({@link MidiSong#kitPiece} order). */
    public double[] kitPieceLufs() {
        return kitPieceLufs.clone();
    }

    /** The bank's own reference: its median program probe (banks differ in overall level, which no balance sees). */
    public double referenceLufs() {
        return referenceLufs;
    }

    /**
     * Per-program and per-kit-piece gains (dB) for one bank: added to a part's render, they bring
     * the bank's preset levels to the consensus of the banks measured.
     */
    public record LevelCorrections(double[] programDb, double[] kitPieceDb, double referenceLufs, double[] consensusProgramDb) {
        /** No corrections, no levels known: a single bank that was not measured. */
        static LevelCorrections none() {
            return new LevelCorrections(new double[128], new double[KIT_PIECE_KEYS.length], Double.NaN, new double[128]);
        }

        /**
         * Where a program plays in this bank once corrected: the bank's reference plus the
         * program's consensus level (LUFS on the probe); NaN when the bank was not measured.
         */
        public double correctedProbeLufs(int program) {
            return referenceLufs + consensusProgramDb[program];
        }

        /** The gain for a part: by its kit piece on the drum channel, else by its program. */
        public double forPart(MidiSong.Part part) {
            if (part.kitPiece() >= 0) {
                return kitPieceDb[part.kitPiece()];
            }
            return part.program() >= 0 && part.program() < programDb.length ? programDb[part.program()] : 0;
        }
    }

    /**
     * Corrections that bring every bank to the consensus: for each program (and kit piece), its
     * probe relative to its bank's {@linkplain #referenceLufs reference}, averaged over the banks
     * that sound it; each bank's correction is the consensus minus its own relative level, within
     * ±{@value #MAX_CORRECTION_DB} dB. Level differences every bank agrees on (a pad under a
     * lead, say) are kept, one bank's odd preset is not. A single bank is its own consensus: no
     * corrections.
     */
    public static List<LevelCorrections> towardConsensus(List<BankCalibration> banks) {
        List<LevelCorrections> corrections = new ArrayList<>();
        for (BankCalibration bank : banks) {
            double[] programs = new double[128];
            double[] pieces = new double[KIT_PIECE_KEYS.length];
            for (int p = 0; p < programs.length; p++) {
                int program = p;
                programs[p] = correction(banks, bank, b -> b.programLufs[program]);
            }
            for (int k = 0; k < pieces.length; k++) {
                int piece = k;
                pieces[k] = correction(banks, bank, b -> b.kitPieceLufs[piece]);
            }
            double[] consensus = new double[128];
            for (int p = 0; p < consensus.length; p++) {
                int program = p;
                consensus[p] = consensusRelative(banks, b -> b.programLufs[program]);
            }
            corrections.add(new LevelCorrections(programs, pieces, bank.referenceLufs, consensus));
        }
        return corrections;
    }

    /** A program's level relative to its bank's reference, averaged over the banks that sound it; 0 when none does. */
    private static double consensusRelative(List<BankCalibration> banks, java.util.function.ToDoubleFunction<BankCalibration> probe) {
        double sum = 0;
        int count = 0;
        for (BankCalibration other : banks) {
            double relative = probe.applyAsDouble(other) - other.referenceLufs;
            if (Double.isFinite(relative)) {
                sum += relative;
                count++;
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    private static double correction(List<BankCalibration> banks, BankCalibration bank,
                                     java.util.function.ToDoubleFunction<BankCalibration> probe) {
        double own = probe.applyAsDouble(bank) - bank.referenceLufs;
        if (!Double.isFinite(own)) {
            return 0;
        }
        return Math.max(-MAX_CORRECTION_DB, Math.min(MAX_CORRECTION_DB, consensusRelative(banks, probe) - own));
    }

    /** The keys probed for each kit piece (kick, snare, toms, hi-hat and cymbals, other percussion). */
    static final int[][] KIT_PIECE_KEYS = {{36}, {38}, {45, 47, 48}, {42, 46, 49, 51}, {54, 56, 62, 63, 70}};

    private static List<GervillRenderer.TimedMessage> melodicProbe(int program) {
        List<GervillRenderer.TimedMessage> messages = setUp(0);
        messages.add(message(ShortMessage.PROGRAM_CHANGE, 0, program, 0, 0));
        int[] notes = program >= 32 && program <= 39 ? BASS_NOTES : MELODIC_NOTES;
        double time = 0.05;
        for (int note : notes) {
            messages.add(message(ShortMessage.NOTE_ON, 0, note, VELOCITY, time));
            messages.add(message(ShortMessage.NOTE_OFF, 0, note, 0, time + NOTE_SECONDS));
            time += NOTE_SECONDS + GAP_SECONDS;
        }
        return messages;
    }

    private static List<GervillRenderer.TimedMessage> drumProbe(int[] keys) {
        List<GervillRenderer.TimedMessage> messages = setUp(9);
        messages.add(message(ShortMessage.PROGRAM_CHANGE, 9, 0, 0, 0));
        double time = 0.05;
        for (int key : keys) {
            for (int hit = 0; hit < HITS_PER_KEY; hit++) {
                messages.add(message(ShortMessage.NOTE_ON, 9, key, VELOCITY, time));
                messages.add(message(ShortMessage.NOTE_OFF, 9, key, 0, time + HIT_SECONDS * 0.8));
                time += HIT_SECONDS;
            }
        }
        return messages;
    }

    private static List<GervillRenderer.TimedMessage> setUp(int channel) {
        List<GervillRenderer.TimedMessage> messages = new ArrayList<>();
        messages.add(message(ShortMessage.CONTROL_CHANGE, channel, 7, 100, 0));
        messages.add(message(ShortMessage.CONTROL_CHANGE, channel, 11, 127, 0));
        messages.add(message(ShortMessage.CONTROL_CHANGE, channel, 10, 64, 0));
        return messages;
    }

    private static AudioBuffer render(GervillRenderer renderer, List<GervillRenderer.TimedMessage> messages) throws IOException {
        long lastMicros = messages.stream().mapToLong(GervillRenderer.TimedMessage::microseconds).max().orElse(0);
        int frames = (int) Math.round((lastMicros / 1e6 + GervillRenderer.TAIL_SECONDS) * GervillRenderer.SAMPLE_RATE_HZ);
        messages.sort(GervillRenderer.TimedMessage.IN_TIME);
        return renderer.renderAsWritten(messages, frames);
    }

    private static GervillRenderer.TimedMessage message(int command, int channel, int data1, int data2, double seconds) {
        try {
            int order = command == ShortMessage.NOTE_ON ? 2 : command == ShortMessage.NOTE_OFF ? 1 : 0;
            return new GervillRenderer.TimedMessage(new ShortMessage(command, channel, data1, data2), Math.round(seconds * 1e6), order);
        } catch (InvalidMidiDataException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
