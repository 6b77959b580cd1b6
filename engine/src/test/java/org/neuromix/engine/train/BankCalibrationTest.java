package org.neuromix.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import javax.sound.midi.Instrument;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Soundbank;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A bank's odd preset level does not become the musician's balance. */
class BankCalibrationTest {
    @TempDir
    Path directory;

    @Test
    void correctionsBringEachBankToTheConsensusAndKeepWhatTheyAgreeOn() {
        double[] first = new double[128], second = new double[128];
        Arrays.fill(first, -20);
        Arrays.fill(second, -30); // a quieter bank overall: no correction for that
        first[5] = -26;           // both banks play program 5 lower: kept
        second[5] = -36;
        first[7] = -14;           // the first bank's program 7 is 6 dB hot: split toward the consensus
        second[88] = Double.NEGATIVE_INFINITY; // the second bank cannot sound program 88
        double[] pieces = {-18, -20, -22, -24, -26};
        double[] hotKick = {-18, -30, -32, -34, -36}; // against its bank, 10 dB hotter than the other bank's kick
        List<BankCalibration.LevelCorrections> corrections = BankCalibration.towardConsensus(
                List.of(BankCalibration.of(first, pieces), BankCalibration.of(second, hotKick)));
        assertEquals(0, corrections.get(0).programDb()[0], 1e-9);
        assertEquals(0, corrections.get(1).programDb()[0], 1e-9, "a bank's overall level is not corrected");
        assertEquals(0, corrections.get(0).programDb()[5], 1e-9, "a level both banks agree on is kept");
        assertEquals(-3, corrections.get(0).programDb()[7], 1e-9);
        assertEquals(+3, corrections.get(1).programDb()[7], 1e-9);
        assertEquals(0, corrections.get(1).programDb()[88], 1e-9, "a silent program gets no correction");
        assertEquals(0, corrections.get(0).programDb()[88], 1e-9, "the only bank that sounds it is the consensus");
        assertEquals(+5, corrections.get(0).kitPieceDb()[0], 1e-9);
        assertEquals(-5, corrections.get(1).kitPieceDb()[0], 1e-9);

        double[] broken = first.clone();
        broken[9] = -80;
        List<BankCalibration.LevelCorrections> clamped = BankCalibration.towardConsensus(
                List.of(BankCalibration.of(first, pieces), BankCalibration.of(broken, pieces)));
        assertEquals(BankCalibration.MAX_CORRECTION_DB, clamped.get(1).programDb()[9], 1e-9, "corrections are bounded");
    }

    /**
     * The pinned bank and a copy whose piano is 12 dB down (SF2 initial attenuation): rendered
     * as written, the same song's piano would sit about 12 dB apart in the two sessions; with the
     * banks brought to their consensus it sits within 1.5 LU.
     */
    @Test
    void theSamePartHasTheSameBalanceInBanksWithDifferentPresetLevels() throws Exception {
        // Gervill scales SF2 attenuation by 0.4, as most synthesizers do: 300 cB is 12 dB.
        Path quietPiano = bankWithQuietPiano(directory.resolve("quiet-piano.sf2"), 300);
        Path song = TestMidiFiles.write(directory.resolve("song.mid"), 110, 4, false,
                new TestMidiFiles.Part(0, 0, 100, 64, 90, MidiSongTest.CHORD),
                new TestMidiFiles.Part(1, 33, 100, 64, 90, MidiSongTest.BASS_LINE));
        Path out = directory.resolve("out");
        MusicianSessions.build(List.of(new MusicianSessions.Source(song, "test-package")),
                List.of(new MusicianSessions.Bank("jdk", GervillRenderer.pinned()),
                        new MusicianSessions.Bank("quiet", GervillRenderer.withSoundFont(quietPiano))), 30, out, line -> { });
        List<MusicianSessions.Session> sessions = MusicianSessions.load(out);
        assertEquals(2, sessions.size());
        double pianoPinned = piano(sessions, "jdk"), pianoQuiet = piano(sessions, "quiet");
        assertTrue(Math.abs(pianoPinned - pianoQuiet) < 1.5, "the piano sits at " + pianoPinned + " and " + pianoQuiet + " LU");
        // The attenuation took effect and was measured: the quiet bank's piano is raised by half of it or so.
        tools.jackson.databind.JsonNode calibration = tools.jackson.databind.json.JsonMapper.builder().build()
                .readTree(Files.readString(out.resolve(MusicianSessions.CALIBRATION_FILE)));
        double raised = calibration.get("banks").get(1).get("programCorrectionDb").get(0).asDouble();
        assertEquals("quiet", calibration.get("banks").get(1).get("bank").asString());
        assertTrue(raised > 4, "the quiet piano raised by " + raised + " dB");
    }

    private static double piano(List<MusicianSessions.Session> sessions, String bank) {
        return sessions.stream().filter(s -> s.bank().equals(bank)).findFirst().orElseThrow().stems().stream()
                .filter(stem -> stem.role() == org.neuromix.engine.analysis.Role.PIANO_KEYS).findFirst().orElseThrow()
                .relativeLoudnessLu();
    }

    /** A fresh copy of the pinned bank with program 0 attenuated by {@code centibels}, saved as an SF2 file. */
    static Path bankWithQuietPiano(Path file, int centibels) throws Exception {
        Path copy = directory(file).resolve("pinned-copy.sf2");
        try (InputStream in = PinnedSoundbank.class.getResourceAsStream(PinnedSoundbank.RESOURCE)) {
            Files.copy(in, copy);
        }
        Soundbank bank = MidiSystem.getSoundbank(copy.toFile());
        int changed = 0;
        for (Instrument instrument : bank.getInstruments()) {
            if (instrument.getPatch().getProgram() == 0 && instrument.getPatch().getBank() == 0
                    && !instrument.toString().toLowerCase(java.util.Locale.ROOT).contains("drum")
                    && !isPercussion(instrument)) {
                for (Object region : (List<?>) instrument.getClass().getMethod("getRegions").invoke(instrument)) {
                    @SuppressWarnings("unchecked")
                    Map<Integer, Short> generators = (Map<Integer, Short>) region.getClass().getMethod("getGenerators").invoke(region);
                    generators.put(48, (short) centibels); // SF2 generator 48: initialAttenuation
                    changed++;
                }
            }
        }
        assertTrue(changed > 0, "the piano was found");
        bank.getClass().getMethod("save", java.io.File.class).invoke(bank, file.toFile());
        return file;
    }

    private static boolean isPercussion(Instrument instrument) throws Exception {
        Object patch = instrument.getPatch();
        try {
            return (Boolean) patch.getClass().getMethod("isPercussion").invoke(patch);
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    private static Path directory(Path file) throws Exception {
        Files.createDirectories(file.getParent());
        return file.getParent();
    }
}
