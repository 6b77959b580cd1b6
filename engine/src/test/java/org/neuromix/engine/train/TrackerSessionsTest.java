package org.neuromix.engine.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.engine.analysis.Role;
import org.neuromix.engine.audio.AudioBuffer;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Tracker modules written in the test (see {@link TestModules}), rendered by the system's
 * libopenmpt: these tests need the Debian package libopenmpt0 (.ci/run installs it) and fail
 * with that message without it.
 */
class TrackerSessionsTest {
    @TempDir
    Path temp;

    @Test
    void partsRenderedAloneAddUpToTheSong() throws Exception {
        Path file = write("song.mod", TestModules.song("bass", "kick drum", "synth lead", 0x40));
        TrackerModule module = TrackerModule.read(file);
        assertEquals("mod", module.format());
        assertFalse(module.hasInstruments());
        TrackerModule.Song song = module.renderSong(30);
        // The pattern plays twice: 8 bass notes, 16 kicks and 32 lead notes in each pass.
        assertEquals(16, song.notesByPart()[0]);
        assertEquals(32, song.notesByPart()[1]);
        assertEquals(64, song.notesByPart()[2]);
        AudioBuffer sum = new AudioBuffer(2, song.audio().frames());
        for (TrackerModule.Part part : module.parts()) {
            AudioBuffer alone = module.renderPart(part, sum.frames());
            for (int c = 0; c < 2; c++) {
                for (int f = 0; f < sum.frames(); f++) {
                    sum.channel(c)[f] += alone.channel(c)[f];
                }
            }
        }
        double songLufs = MusicianSessions.integratedLufs(song.audio());
        double sumLufs = MusicianSessions.integratedLufs(sum);
        System.out.printf("tracker parts summed: %.4f LUFS, song: %.4f LUFS, difference %.4f LU%n", sumLufs, songLufs,
                sumLufs - songLufs);
        // The label is the balance as heard: the parts must add up to the song (the brief's 0.5 LU).
        assertEquals(songLufs, sumLufs, TrackerSessions.MAX_SUM_ERROR_LU);
    }

    @Test
    void halfVolumeLandsSixDecibelsUnder() throws Exception {
        write("full/song.mod", TestModules.song("bass", "kick drum", "synth lead", 0x40));
        write("half/song.mod", TestModules.song("bass", "kick drum", "synth lead", 0x20));
        double full = bassOverLead(temp.resolve("full"));
        double half = bassOverLead(temp.resolve("half"));
        System.out.printf("bass over lead: %.4f LU at volume 64, %.4f LU at 32%n", full, half);
        // Volume 32/64 halves the amplitude: 20·log10(0.5) = −6.02 dB, and integrated loudness
        // scales exactly with gain (its gates are relative). Volume ramping over the first
        // milliseconds of each note is the only difference; 0.1 LU holds that with room.
        assertEquals(20 * Math.log10(0.5), half - full, 0.1);
    }

    @Test
    void builtSessionsLoadWithTheRolesTheirNamesGive() throws Exception {
        Path file = write("songs/song.mod", TestModules.song("bass", "kick drum", "synth lead", 0x40));
        Path out = temp.resolve("out");
        List<MusicianSessions.Source> sources = TrackerSessions.find(List.of(temp.resolve("songs")));
        assertEquals(1, sources.size());
        assertEquals("folder-songs", sources.get(0).packageName());
        MusicianSessions.Built built = TrackerSessions.build(sources, 30, out, line -> { });
        assertEquals(1, built.sessions(), built.skipped().toString());
        assertEquals(3, built.stems());

        List<MusicianSessions.Session> sessions = MusicianSessions.load(out);
        assertEquals(1, sessions.size());
        MusicianSessions.Session session = sessions.get(0);
        assertEquals("tracker", session.bank());
        assertEquals("folder-songs", session.source());
        assertEquals("song.mod", session.song());
        Map<String, Role> roles = session.stems().stream()
                .collect(Collectors.toMap(MusicianSessions.Stem::name, MusicianSessions.Stem::role));
        assertEquals(Map.of("01 bass.flac", Role.BASS, "02 kick drum.flac", Role.KICK, "03 synth lead.flac", Role.SYNTH_LEAD), roles);
        for (MusicianSessions.Stem stem : session.stems()) {
            assertTrue(Files.size(stem.file()) > 1000, stem.file() + " written");
            assertTrue(stem.relativeLoudnessLu() < 0 && stem.relativeLoudnessLu() > -30, stem + " under the song");
        }
        JsonNode json = JsonMapper.builder().build().readTree(Files.readString(session.directory().resolve("session.json")));
        assertEquals(file.toAbsolutePath().toString(), json.get("file").asString());
        assertEquals("the module's own samples", json.get("bankName").asString());
        assertEquals(16, json.get("parts").get(0).get("notes").asInt());
        assertEquals(1, json.get("parts").get(0).get("channel").asInt());
        assertTrue(json.get("parts").get(0).get("program").isNull());
        assertEquals(0.0, json.get("parts").get(0).get("bankCorrectionDb").asDouble());
        assertTrue(json.get("excerptSeconds").asDouble() > 15, "the whole 15.4 s song");
    }

    @Test
    void heldOutModulesAreRefused() throws Exception {
        Path file = write("njam-data/music/song.mod", TestModules.song("bass", "kick drum", "synth lead", 0x40));
        assertThrows(IllegalArgumentException.class, () -> TrackerSessions.find(List.of(temp.resolve("njam-data"))));
        assertThrows(IllegalArgumentException.class, () -> TrackerSessions.find(List.of(temp)));
        IllegalArgumentException refused = assertThrows(IllegalArgumentException.class, () -> TrackerModule.read(file));
        assertTrue(refused.getMessage().contains("held-out"), refused.getMessage());
    }

    @Test
    void unreadableFilesAreSkippedWithOneLine() throws Exception {
        byte[] garbage = new byte[5000];
        new Random(7).nextBytes(garbage);
        write("bad/noise.xm", garbage);
        write("bad/empty.it", new byte[0]);
        byte[] song = TestModules.song("bass", "kick drum", "synth lead", 0x40);
        write("bad/cut.mod", java.util.Arrays.copyOf(song, 1100)); // the header and the start of the pattern
        MusicianSessions.Built built = TrackerSessions.build(TrackerSessions.find(List.of(temp.resolve("bad"))), 30,
                temp.resolve("out"), line -> { });
        assertEquals(0, built.sessions());
        assertEquals(3, built.skipped().size(), built.skipped().toString());
        for (String note : built.skipped()) {
            assertFalse(note.contains("\n"), note);
            assertTrue(note.contains("noise.xm") || note.contains("empty.it") || note.contains("cut.mod"), note);
        }
    }

    @Test
    void modulesWhosePartsHaveNoTellingNamesAreSkipped() throws Exception {
        write("unnamed/song.mod", TestModules.song("xyzzy", "plugh", "frobozz", 0x40));
        MusicianSessions.Built built = TrackerSessions.build(TrackerSessions.find(List.of(temp.resolve("unnamed"))), 30,
                temp.resolve("out"), line -> { });
        assertEquals(0, built.sessions());
        assertEquals(1, built.skipped().size());
        assertTrue(built.skipped().get(0).contains("names say what they are"), built.skipped().get(0));
        assertFalse(Files.exists(temp.resolve("out/folder-unnamed/song.mod--tracker")), "no half-built session left");
    }

    @Test
    void partsWithoutTellingNamesAreLabelledByTheirSoundWhenTheClassifierIsSure() throws Exception {
        Path out = temp.resolve("out");
        assertEquals(null, TrackerSessions.soundLabeller(out, line -> { }), "no MIDI sessions, no classifier");
        // MIDI songs built first (piano, bass, strings, drums): the labeller learns from their true roles.
        List<MusicianSessions.Source> songs = new java.util.ArrayList<>();
        for (int song = 0; song < 2; song++) {
            Path midi = TestMidiFiles.write(temp.resolve("midi/song" + song + ".mid"), 100 + 20 * song, 2, false,
                    new TestMidiFiles.Part(0, song % 3, 100, 64, 100, MidiSongTest.CHORD),
                    new TestMidiFiles.Part(1, 33, 110, 64, 100, MidiSongTest.BASS_LINE),
                    new TestMidiFiles.Part(2, 48, 60, 64, 90, MidiSongTest.CHORD),
                    new TestMidiFiles.Part(9, 0, 110, 64, 100, new int[] {36, 42, 42, 42}));
            songs.add(new MusicianSessions.Source(midi, "songs"));
        }
        MusicianSessions.build(songs, List.of(new MusicianSessions.Bank("jdk", GervillRenderer.pinned())), 10, out, line -> { });
        org.neuromix.engine.planner.RoleClassifier labeller = TrackerSessions.soundLabeller(out, line -> { });
        assertTrue(labeller != null && labeller.classes().contains(Role.BASS), "fitted on the songs' roles");

        // The same samples under names that say nothing: a classifier that knows these sounds (one
        // fitted on modules where they are named) labels every part, and each label is its decision
        // on the stem as written.
        Path namedOut = temp.resolve("named-out");
        for (int k = 0; k < 6; k++) {
            write("named" + k + "/song" + k + ".mod", TestModules.song("bass", "kick drum", "synth lead", 0x28 + 4 * k));
            TrackerSessions.build(TrackerSessions.find(List.of(temp.resolve("named" + k))), 30, namedOut, line -> { });
        }
        org.neuromix.engine.planner.RoleClassifier knowing = MusicianRoles.fitted(
                MusicianRoles.rows(MusicianSessions.load(namedOut), line -> { }, org.neuromix.engine.progress.ProgressListener.NONE),
                "fitted on the named modules");
        write("unnamed/song.mod", TestModules.song("xyzzy", "plugh", "frobozz", 0x40));
        MusicianSessions.Built built = TrackerSessions.build(TrackerSessions.find(List.of(temp.resolve("unnamed"))), 30,
                out, line -> { }, org.neuromix.engine.progress.ProgressListener.NONE, knowing);
        assertEquals(1, built.sessions(), built.skipped().toString());
        Path session = out.resolve("folder-unnamed/song.mod--tracker");
        JsonNode json = JsonMapper.builder().build().readTree(Files.readString(session.resolve("session.json")));
        Map<String, String> roles = new java.util.TreeMap<>();
        for (JsonNode part : json.get("parts")) {
            assertEquals("sound", part.get("roleFrom").asString());
            org.neuromix.engine.planner.RoleDecision decision = knowing.classify(
                    org.neuromix.engine.analysis.StemAnalyzer.analyze(session.resolve(part.get("stem").asString())));
            assertEquals(decision.role().planName(), part.get("role").asString());
            assertTrue(decision.confidence() >= TrackerSessions.MIN_SOUND_CONFIDENCE, decision.toString());
            roles.put(part.get("stem").asString(), part.get("role").asString());
        }
        assertEquals(Map.of("01 xyzzy.flac", "bass", "02 plugh.flac", "kick", "03 frobozz.flac", "synthLead"), roles);
        String first = Files.readString(session.resolve("session.json"));
        TrackerSessions.build(TrackerSessions.find(List.of(temp.resolve("unnamed"))), 30, out, line -> { },
                org.neuromix.engine.progress.ProgressListener.NONE, knowing);
        assertEquals(first, Files.readString(session.resolve("session.json")), "the same classifier gives the same labels");

        // A classifier that does not know them (the MIDI songs' is unsure of these bare waveforms):
        // the unsure parts stay in the mix unlabelled, and the module is skipped saying why.
        MusicianSessions.Built unsure = TrackerSessions.build(TrackerSessions.find(List.of(temp.resolve("unnamed"))), 30,
                temp.resolve("unsure-out"), line -> { }, org.neuromix.engine.progress.ProgressListener.NONE, labeller);
        if (unsure.sessions() == 0) {
            assertTrue(unsure.skipped().get(0).contains("without a label"), unsure.skipped().toString());
            assertFalse(Files.exists(temp.resolve("unsure-out/folder-unnamed/song.mod--tracker")));
        }
        // A named part keeps its name's role, and says so.
        JsonNode named = JsonMapper.builder().build().readTree(
                Files.readString(namedOut.resolve("folder-named0/song0.mod--tracker/session.json")));
        assertEquals("bass", named.get("parts").get(0).get("role").asString());
        assertEquals("name", named.get("parts").get(0).get("roleFrom").asString());
    }

    @Test
    void aLoudUnnamedPartSkipsTheModule() throws Exception {
        // The lead, unnamed, is most of the song: the named bass and kick alone are not its balance.
        write("loud/song.mod", TestModules.song("bass", "kick drum", "frobozz", 0x10));
        MusicianSessions.Built built = TrackerSessions.build(TrackerSessions.find(List.of(temp.resolve("loud"))), 30,
                temp.resolve("out"), line -> { });
        assertEquals(0, built.sessions(), built.skipped().toString());
        assertTrue(built.skipped().get(0).contains("without a label"), built.skipped().get(0));
    }

    private double bassOverLead(Path folder) throws Exception {
        Path out = folder.resolve("out");
        MusicianSessions.Built built = TrackerSessions.build(TrackerSessions.find(List.of(folder.resolve("song.mod"))), 30,
                out, line -> { });
        assertEquals(1, built.sessions(), built.skipped().toString());
        MusicianSessions.Session session = MusicianSessions.load(out).get(0);
        double bass = Double.NaN, lead = Double.NaN;
        for (MusicianSessions.Stem stem : session.stems()) {
            if (stem.role() == Role.BASS) {
                bass = stem.relativeLoudnessLu();
            } else if (stem.role() == Role.SYNTH_LEAD) {
                lead = stem.relativeLoudnessLu();
            }
        }
        return bass - lead;
    }

    private Path write(String name, byte[] bytes) throws Exception {
        Path file = temp.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
        return file;
    }
}
