package org.neuromix.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.engine.analysis.Role;

/** The melody is sung as the lead and the choir as backing vocals, at the levels the musician wrote. */
class SungPartsTest {
    @TempDir
    Path directory;

    static final int[] TUNE = {72, 74, 76, 79, 76, 74};

    private Path song() throws Exception {
        return TestMidiFiles.write(directory.resolve("song.mid"), 110, 4, false,
                new TestMidiFiles.Part(0, 0, 100, 64, 90, MidiSongTest.CHORD),
                new TestMidiFiles.Part(1, 33, 100, 64, 90, MidiSongTest.BASS_LINE),
                new TestMidiFiles.Part(2, 73, 64, 64, 100, TUNE),            // flute, CC7 64: the tune
                new TestMidiFiles.Part(3, 52, 90, 64, 80, new int[] {60, 64})); // choir aahs
    }

    @Test
    void theHighestMostlyMonophonicPartIsTheMelodyAndChoirsAreBacking() throws Exception {
        MidiSong song = MidiSong.read(song(), 60);
        List<SungParts.Sung> plan = SungParts.plan(song);
        assertEquals(List.of(SungParts.Sung.PLAYED, SungParts.Sung.PLAYED, SungParts.Sung.LEAD, SungParts.Sung.BACKING), plan);

        List<SingingVoice.Note> moved = SungParts.inRange(SungParts.notes(song.parts().get(2)), 60);
        double median = SungParts.medianPitch(moved);
        assertTrue(median >= 60 && median <= 71, "the tune moved into the lead's range: " + median);
        assertEquals(0, (median - SungParts.medianPitch(SungParts.notes(song.parts().get(2)))) % 12, 1e-9, "by whole octaves");

        List<SingingVoice.Note> chord = List.of(new SingingVoice.Note(0, 1, 60, 90), new SingingVoice.Note(0, 1, 64, 90),
                new SingingVoice.Note(1, 1, 62, 90));
        assertEquals(2, SungParts.lines(chord).size(), "a two-note chord needs two voices");
        assertTrue(SungParts.overlapShare(chord) > 0.3);

        double[] gain = SungParts.controllerGain(song.parts().get(2), 1000);
        assertEquals(Math.pow(64 / 127.0, 2), gain[999], 1e-9, "CC7 64 as GM maps it, (64/127)²");
    }

    @Test
    void aSongWithoutAMelodyHasNoSungVersion() throws Exception {
        MidiSong song = MidiSong.read(TestMidiFiles.write(directory.resolve("groove.mid"), 110, 1, false,
                new TestMidiFiles.Part(1, 33, 100, 64, 90, MidiSongTest.BASS_LINE),
                new TestMidiFiles.Part(9, 0, 100, 64, 90, MidiSongTest.KIT)), 60);
        assertTrue(SungParts.plan(song).stream().allMatch(s -> s == SungParts.Sung.PLAYED));
    }

    /**
     * Built as played and as sung: the sung lead sits where the flute it replaces sat (within
     * 3 LU: a voice and a flute differ in register and envelope), clearly under the piano as the
     * flute's CC7 64 says.
     */
    @Test
    void theSungLeadKeepsTheWrittenLevelOfThePartItReplaces() throws Exception {
        Path out = directory.resolve("out");
        MusicianSessions.build(List.of(new MusicianSessions.Source(song(), "test-package")),
                List.of(new MusicianSessions.Bank("jdk", GervillRenderer.pinned())), 30, MusicianSessions.Vocals.ALSO, out,
                line -> { });
        List<MusicianSessions.Session> sessions = MusicianSessions.load(out);
        assertEquals(2, sessions.size());
        MusicianSessions.Session sung = sessions.stream().filter(s -> s.directory().getParent().getFileName().toString()
                .equals("sung")).findFirst().orElseThrow();
        MusicianSessions.Session played = sessions.stream().filter(s -> s != sung).findFirst().orElseThrow();
        assertEquals(sung.song(), played.song(), "the same song, for splitting");
        double lead = level(sung, Role.LEAD_VOCAL), flute = level(played, Role.WOODWIND);
        assertTrue(Math.abs(lead - flute) < 3, "sung lead " + lead + " LU, flute " + flute + " LU");
        assertTrue(lead < level(sung, Role.PIANO_KEYS), "the lead stays under the piano, as written");
        assertTrue(Double.isFinite(level(sung, Role.BACKING_VOCAL)));
    }

    private static double level(MusicianSessions.Session session, Role role) {
        return session.stems().stream().filter(s -> s.role() == role).findFirst().orElseThrow().relativeLoudnessLu();
    }
}
