package org.neuromix.engine.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.io.AudioReader;

/**
 * A whole-kit session is the same song with the kit pieces summed into one stem: its label is
 * the sum's loudness against the same mix, measured here again from the written file, and the
 * other stems are the source session's own, label and audio.
 */
class KitSessionsTest {
    @TempDir
    Path directory;

    @Test
    void sumsTheKitPiecesIntoOneStemAtTheLoudnessTheySumTo() throws Exception {
        Path withKit = TestMidiFiles.write(directory.resolve("songs/band/groove.mid"), 110, 3, false,
                new TestMidiFiles.Part(0, 0, 100, 64, 100, MidiSongTest.CHORD),
                new TestMidiFiles.Part(1, 33, 110, 64, 100, MidiSongTest.BASS_LINE),
                new TestMidiFiles.Part(9, 0, 110, 64, 100, new int[] {36, 38, 42, 42}));
        Path kickOnly = TestMidiFiles.write(directory.resolve("songs/band/kick.mid"), 110, 3, false,
                new TestMidiFiles.Part(0, 0, 100, 64, 100, MidiSongTest.CHORD),
                new TestMidiFiles.Part(9, 0, 110, 64, 100, new int[] {36, 36, 36, 36}));
        Path out = directory.resolve("sessions");
        MusicianSessions.build(List.of(new MusicianSessions.Source(withKit, "band"), new MusicianSessions.Source(kickOnly, "band")),
                List.of(new MusicianSessions.Bank("jdk", GervillRenderer.pinned())), 10, out, line -> { });

        KitSessions.Derived derived = KitSessions.derive(out, line -> { });
        assertEquals(1, derived.sessions(), "only the song with two pieces, one a kick or snare, has a kit to sum");
        List<MusicianSessions.Session> sessions = MusicianSessions.load(out);
        MusicianSessions.Session source = sessions.stream().filter(s -> !s.wholeKit() && s.song().equals("groove")).findFirst().orElseThrow();
        MusicianSessions.Session kit = sessions.stream().filter(MusicianSessions.Session::wholeKit).findFirst().orElseThrow();
        assertEquals(out.resolve("band/kit/groove--jdk"), kit.directory());
        assertEquals("groove", kit.song(), "the same song, so splits by song and package keep it with its source");

        List<Role> kitRoles = kit.stems().stream().map(MusicianSessions.Stem::role).toList();
        assertEquals(1, kitRoles.stream().filter(r -> r == Role.DRUMS_OVERHEADS).count());
        assertTrue(kitRoles.stream().noneMatch(KitSessions.PIECES::contains), kitRoles.toString());
        Map<String, MusicianSessions.Stem> before = source.stems().stream()
                .collect(Collectors.toMap(MusicianSessions.Stem::name, Function.identity()));
        for (MusicianSessions.Stem stem : kit.stems()) {
            if (stem.role() == Role.DRUMS_OVERHEADS) {
                continue;
            }
            MusicianSessions.Stem original = before.get(stem.name());
            assertEquals(original.relativeLoudnessLu(), stem.relativeLoudnessLu(), 1e-9, stem.name());
            assertArrayEquals(Files.readAllBytes(original.file()), Files.readAllBytes(stem.file()), stem.name());
        }

        // The kit's label, measured again from the file written: its loudness against the song's mix.
        MusicianSessions.Stem drums = kit.stems().stream().filter(s -> s.role() == Role.DRUMS_OVERHEADS).findFirst().orElseThrow();
        double mixLufs = new tools.jackson.databind.ObjectMapper().readTree(Files.readString(
                kit.directory().resolve(MusicianSessions.SESSION_FILE))).get("mixLufs").asDouble();
        assertEquals(MusicianSessions.integratedLufs(read(drums.file())) - mixLufs, drums.relativeLoudnessLu(), 0.05);
        // Integrated loudness is a gated mean, not a sum: a sparse kick measured alone can be louder than the
        // kit it plays in, so the label is the sum measured, never a sum of the pieces' labels.
        assertTrue(Double.isFinite(drums.relativeLoudnessLu()));

        // A second pass keeps what is up to date.
        KitSessions.Derived again = KitSessions.derive(out, line -> { });
        assertEquals(0, again.sessions());
        assertEquals(1, again.kept());

        // The models learn the copied stems once, in their own session.
        for (int i = 0; i < kit.stems().size(); i++) {
            assertEquals(kit.stems().get(i).role() != Role.DRUMS_OVERHEADS, kit.copiedStem(i));
            assertFalse(source.copiedStem(i));
        }
        assertFalse(Files.exists(out.resolve("band/kit/kick--jdk")));
    }

    @Test
    void descriptionsItCannotReadAreSkippedWithANote() throws Exception {
        Path out = directory.resolve("odd");
        Files.createDirectories(out.resolve("band/broken--jdk"));
        Files.writeString(out.resolve("band/broken--jdk/session.json"), "{ not json");
        Files.createDirectories(out.resolve("band/partial--jdk"));
        Files.writeString(out.resolve("band/partial--jdk/session.json"),
                "{\"source\":\"band\",\"bank\":\"jdk\",\"mixLufs\":-14,\"parts\":[{\"role\":\"kick\"},{\"role\":\"snare\"}]}");
        Files.createDirectories(out.resolve("band/zz-outside--jdk"));
        Files.writeString(out.resolve("band/zz-outside--jdk/session.json"), "{\"source\":\"band\",\"bank\":\"jdk\",\"mixLufs\":-14,"
                + "\"parts\":[{\"role\":\"kick\",\"stem\":\"../a.flac\",\"relativeLoudnessLu\":-3},"
                + "{\"role\":\"snare\",\"stem\":\"b.flac\",\"relativeLoudnessLu\":-4}]}");
        KitSessions.Derived derived = KitSessions.derive(out, line -> { });
        assertEquals(0, derived.sessions());
        assertEquals(3, derived.skipped().size(), derived.skipped().toString());
        assertTrue(derived.skipped().get(2).contains("without its stem"), derived.skipped().toString());
        assertTrue(derived.skipped().get(0).contains("not a session description"), derived.skipped().toString());
        assertTrue(derived.skipped().get(1).contains("without its stem"), derived.skipped().toString());
        assertFalse(Files.exists(out.resolve("band/kit")));
    }

    private static AudioBuffer read(Path file) throws Exception {
        try (AudioReader reader = AudioReader.open(file)) {
            AudioBuffer audio = new AudioBuffer(2, (int) Math.round(reader.info().durationSeconds() * reader.sampleRate()));
            reader.read(audio);
            return audio;
        }
    }
}
