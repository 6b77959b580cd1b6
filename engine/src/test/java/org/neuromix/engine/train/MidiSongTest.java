package org.neuromix.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.engine.analysis.Role;

/** A musician's MIDI file becomes parts with the balance as written. */
class MidiSongTest {
    @TempDir
    Path directory;

    static final int[] CHORD = {60, 64, 67, 72};
    static final int[] BASS_LINE = {36, 43, 41, 38};
    static final int[] KIT = {36, 42, 38, 42};

    @Test
    void splitsChannelsProgramsAndTheKitWithTheirRolesPansAndTimes() throws Exception {
        Path file = TestMidiFiles.write(directory.resolve("song.mid"), 120, 4, true,
                new TestMidiFiles.Part(0, 0, 100, 64, 90, CHORD),
                new TestMidiFiles.Part(1, 33, 100, 127, 90, BASS_LINE),
                new TestMidiFiles.Part(9, 0, 100, 0, 90, KIT));
        MidiSong song = MidiSong.read(file, 60);
        List<Role> roles = song.parts().stream().map(MidiSong.Part::role).toList();
        assertEquals(List.of(Role.PIANO_KEYS, Role.BASS, Role.KICK, Role.HI_HAT_CYMBALS, Role.SNARE), roles);
        assertEquals("Electric Bass (finger)", song.parts().get(1).name());
        assertEquals(1.0, song.parts().get(1).panPosition(), 1e-9, "CC10 127 is hard right");
        assertEquals(-1.0, song.parts().get(2).panPosition(), 1e-9, "CC10 0 is hard left");
        // Two bars at 120 BPM (4 s), then two at 240 BPM (2 s): the last note-off near 6 s.
        assertEquals(6.0, song.lengthSeconds(), 0.05, "the tempo change is followed");
        MidiSong excerpt = MidiSong.read(file, 3);
        assertTrue(excerpt.lengthSeconds() <= 3 && excerpt.lengthSeconds() > 2.5, "excerpt " + excerpt.lengthSeconds());
    }

    /**
     * Two identical piano parts a CC7 step apart: the written volume survives in the stems. GM
     * (and Gervill) map CC7 to gain as (value/127)², so 127 against 64 is 40·log10(127/64) = 11.9 dB;
     * the tolerance allows for the integrated gate and different note overlaps.
     */
    @Test
    void theWrittenVolumeIsTheBalance() throws Exception {
        Path file = TestMidiFiles.write(directory.resolve("two.mid"), 100, 4, false,
                new TestMidiFiles.Part(0, 0, 127, 64, 100, CHORD),
                new TestMidiFiles.Part(1, 0, 64, 64, 100, CHORD));
        MusicianSessions.Built built = MusicianSessions.build(
                List.of(new MusicianSessions.Source(file, "test-package")),
                List.of(new MusicianSessions.Bank("jdk", GervillRenderer.pinned())), 30, directory.resolve("out"), line -> { });
        assertEquals(1, built.sessions());
        List<MusicianSessions.Session> sessions = MusicianSessions.load(directory.resolve("out"));
        assertEquals(1, sessions.size());
        List<MusicianSessions.Stem> stems = sessions.get(0).stems();
        assertEquals(2, stems.size());
        double difference = stems.get(0).relativeLoudnessLu() - stems.get(1).relativeLoudnessLu();
        assertEquals(11.9, difference, 1.0, "CC7 127 against 64");
        assertEquals("test-package", sessions.get(0).source());
        for (MusicianSessions.Stem stem : stems) {
            assertTrue(Files.size(stem.file()) > 1000, stem + " written");
        }
    }

    @Test
    void heldOutPackagesAndBadFilesAreRefusedOrSkipped() throws Exception {
        Path heldOut = TestMidiFiles.write(directory.resolve("usr/share/games/freedoom/music/d_e1m1.mid"), 120, 1, false,
                new TestMidiFiles.Part(0, 0, 100, 64, 90, CHORD));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class,
                () -> MusicianSessions.find(List.of(directory.resolve("usr"))));
        assertTrue(refused.getMessage().contains("held-out"), refused.getMessage());
        Path link = Files.createSymbolicLink(directory.resolve("songs"), heldOut.getParent());
        assertThrows(IllegalArgumentException.class, () -> MusicianSessions.find(List.of(link)));
        assertThrows(IllegalArgumentException.class, () -> MusicianSessions.find(List.of(directory.resolve("missing"))));

        Files.createDirectories(directory.resolve("bad"));
        Path notMidi = Files.writeString(directory.resolve("bad/broken.mid"), "not a MIDI file");
        IOException error = assertThrows(IOException.class, () -> MidiSong.read(notMidi, 30));
        assertTrue(error.getMessage().endsWith("not a Standard MIDI File"), error.getMessage());
        Path lonely = TestMidiFiles.write(directory.resolve("bad/solo.mid"), 120, 2, false,
                new TestMidiFiles.Part(0, 0, 100, 64, 90, CHORD));
        MusicianSessions.Built built = MusicianSessions.build(List.of(new MusicianSessions.Source(notMidi, "p"),
                new MusicianSessions.Source(lonely, "p")), List.of(new MusicianSessions.Bank("jdk", GervillRenderer.pinned())),
                30, directory.resolve("out2"), line -> { });
        assertEquals(0, built.sessions());
        assertEquals(2, built.skipped().size(), built.skipped().toString());
        assertThrows(IllegalArgumentException.class, () -> MusicianSessions.build(List.of(), List.of(), 30, directory, l -> { }));
    }
}
