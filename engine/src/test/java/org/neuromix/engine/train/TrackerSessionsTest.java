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
    void aLoudUnnamedPartSkipsTheModule() throws Exception {
        // The lead, unnamed, is most of the song: the named bass and kick alone are not its balance.
        write("loud/song.mod", TestModules.song("bass", "kick drum", "frobozz", 0x10));
        MusicianSessions.Built built = TrackerSessions.build(TrackerSessions.find(List.of(temp.resolve("loud"))), 30,
                temp.resolve("out"), line -> { });
        assertEquals(0, built.sessions(), built.skipped().toString());
        assertTrue(built.skipped().get(0).contains("without a telling name"), built.skipped().get(0));
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
