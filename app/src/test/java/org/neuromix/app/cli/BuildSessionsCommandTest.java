package org.neuromix.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import javax.sound.midi.MidiEvent;
import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;
import javax.sound.midi.ShortMessage;
import javax.sound.midi.Track;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code neuromix build-sessions}, then {@code train} and {@code eval} on musicians' sessions. */
class BuildSessionsCommandTest {
    @TempDir
    Path work;

    /** A two-part song: piano (program 0) at CC7 {@code pianoVolume}, bass (program 33) at CC7 {@code bassVolume}. */
    static Path song(Path file, int pianoVolume, int bassVolume) throws Exception {
        Sequence sequence = new Sequence(Sequence.PPQ, 480);
        int[][] parts = {{0, 0, pianoVolume, 60}, {1, 33, bassVolume, 36}};
        for (int[] part : parts) {
            Track track = sequence.createTrack();
            track.add(new MidiEvent(new ShortMessage(ShortMessage.PROGRAM_CHANGE, part[0], part[1], 0), 0));
            track.add(new MidiEvent(new ShortMessage(ShortMessage.CONTROL_CHANGE, part[0], 7, part[2]), 0));
            for (int n = 0; n < 24; n++) {
                int pitch = part[3] + (n % 4) * 2;
                track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_ON, part[0], pitch, 100), n * 240L));
                track.add(new MidiEvent(new ShortMessage(ShortMessage.NOTE_OFF, part[0], pitch, 0), n * 240L + 230));
            }
        }
        Files.createDirectories(file.getParent());
        MidiSystem.write(sequence, 1, file.toFile());
        return file;
    }

    @Test
    void buildsTrainsAndEvaluatesByPackage() throws Exception {
        song(work.resolve("songs/one/a.mid"), 120, 90);
        song(work.resolve("songs/two/b.mid"), 110, 80);
        song(work.resolve("songs/two/c.mid"), 127, 100);
        Path sessions = work.resolve("sessions");
        AnalyzeCommandTest.Run built = AnalyzeCommandTest.run("build-sessions", "--songs",
                work.resolve("songs/one") + "," + work.resolve("songs/two"), "--soundfont", work.resolve("none.sf2").toString(),
                "--out", sessions.toString());
        assertEquals(2, built.exitCode(), "a missing bank is refused: " + built.err());
        built = AnalyzeCommandTest.run("build-sessions", "--songs", work.resolve("songs/one") + "," + work.resolve("songs/two"),
                "--soundfont", "/usr/share/sounds/sf2/TimGM6mb.sf2", "--out", sessions.toString());
        assertEquals(2, built.exitCode(), built.err());
        assertTrue(built.err().contains("held-out"), built.err());
        built = AnalyzeCommandTest.run("build-sessions", "--songs", work.resolve("songs/one") + "," + work.resolve("songs/two"),
                "--seconds", "10", "--pinned-only", "--no-modules", "--vocals", "maybe", "--out", sessions.toString());
        assertEquals(2, built.exitCode(), built.err());
        assertTrue(built.err().contains("--vocals is also, only or none"), built.err());
        built = AnalyzeCommandTest.run("build-sessions", "--songs", work.resolve("songs/one") + "," + work.resolve("songs/two"),
                "--seconds", "10", "--pinned-only", "--no-modules", "--vocals", "none", "--out", sessions.toString());
        assertEquals(0, built.exitCode(), built.err());
        assertTrue(built.out().contains("Built 3 sessions (6 stems) from 3 songs with 1 banks"), built.out());
        assertTrue(Files.exists(sessions.resolve("folder-one/a--jdk/session.json")));
        // --json: one object on stdout saying what the text says; --quiet: nothing at all on success.
        AnalyzeCommandTest.Run json = AnalyzeCommandTest.run("build-sessions", "--songs", work.resolve("songs/one").toString(),
                "--seconds", "10", "--pinned-only", "--no-modules", "--vocals", "none", "--json", "--out", work.resolve("json").toString());
        assertEquals(0, json.exitCode(), json.err());
        tools.jackson.databind.JsonNode object = tools.jackson.databind.json.JsonMapper.builder().build().readTree(json.out());
        assertEquals(1, object.get("built").get(0).get("sessions").asInt());
        assertEquals(2, object.get("built").get(0).get("stems").asInt());
        assertTrue(json.err().contains(object.get("built").get(0).get("summary").asString()), json.err());
        AnalyzeCommandTest.Run quiet = AnalyzeCommandTest.run("build-sessions", "--songs", work.resolve("songs/one").toString(),
                "--seconds", "10", "--pinned-only", "--no-modules", "--vocals", "none", "--quiet", "--out", work.resolve("quiet").toString());
        assertEquals(0, quiet.exitCode(), quiet.err());
        assertEquals("", quiet.out() + quiet.err());

        AnalyzeCommandTest.Run evaluated = AnalyzeCommandTest.run("eval", "--musician-sessions", sessions.toString(), "--fast",
                "--no-synthetic");
        assertEquals(0, evaluated.exitCode(), evaluated.err());
        assertTrue(evaluated.out().contains("| baseline: equal loudness |") && evaluated.out().contains("from 2 packages"),
                evaluated.out());
        // Role detection is scored by package too; the shipped classifier learned from musicians' sessions,
        // so it is not scored on them (a synthetic one would be: MusicianBalanceTest).
        assertTrue(evaluated.out().contains("## Role detection from the audio")
                && evaluated.out().contains("The shipped classifier was trained on these sessions"), evaluated.out());

        Path models = work.resolve("models");
        AnalyzeCommandTest.Run trained = AnalyzeCommandTest.run("train", "--sessions", "1", "--bars", "1",
                "--musician-sessions", sessions.toString(), "--out", models.toString());
        assertEquals(0, trained.exitCode(), trained.err());
        assertTrue(trained.out().contains("learned from 3 musician sessions (6 stems)"), trained.out());
        assertTrue(Files.readString(models.resolve("balance-model.json")).contains("balanceRoles"));
        assertTrue(trained.out().contains("role classifier") && trained.out().contains("replacing the synthetic one"), trained.out());
        assertEquals(org.neuromix.engine.planner.RoleClassifier.MUSICIAN,
                org.neuromix.engine.planner.RoleClassifier.load(models.resolve("role-model.json")).trainedOn());
        // A synthetic classifier (train without --musician-sessions) can be scored beside the learned one.
        Path synthetic = work.resolve("synthetic-models");
        assertEquals(0, AnalyzeCommandTest.run("train", "--sessions", "1", "--bars", "1", "--out", synthetic.toString()).exitCode());
        AnalyzeCommandTest.Run withBaseline = AnalyzeCommandTest.run("eval", "--musician-sessions", sessions.toString(), "--fast",
                "--no-synthetic", "--role-baseline", synthetic.resolve("role-model.json").toString());
        assertEquals(0, withBaseline.exitCode(), withBaseline.err());
        assertTrue(withBaseline.out().contains("| trained on synthetic sessions |"), withBaseline.out());
        AnalyzeCommandTest.Run noBaseline = AnalyzeCommandTest.run("eval", "--musician-sessions", sessions.toString(), "--fast",
                "--no-synthetic", "--role-baseline", synthetic.resolve("balance-model.json").toString());
        assertEquals(2, noBaseline.exitCode());
        assertTrue(noBaseline.err().contains("--role-baseline") && noBaseline.err().contains("other features"), noBaseline.err());
    }

    @Test
    void heldOutSongsAndMissingFoldersAreRefused() throws Exception {
        song(work.resolve("usr/share/games/freedoom/music/x.mid"), 100, 100);
        AnalyzeCommandTest.Run refused = AnalyzeCommandTest.run("build-sessions", "--songs",
                work.resolve("usr/share/games/freedoom").toString(), "--out", work.resolve("s").toString());
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains("held-out material"), refused.err());
        AnalyzeCommandTest.Run missing = AnalyzeCommandTest.run("build-sessions", "--songs", work.resolve("nothing").toString(),
                "--out", work.resolve("s").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("no such file or folder"), missing.err());
        assertEquals(2, AnalyzeCommandTest.run("eval", "--musician-sessions", work.resolve("nothing").toString(), "--no-synthetic")
                .exitCode());
        // The tests run in app/: its parent is the source tree.
        AnalyzeCommandTest.Run inRepo = AnalyzeCommandTest.run("build-sessions", "--songs", work.toString(),
                "--out", Path.of("target/sessions").toAbsolutePath().toString());
        assertEquals(2, inRepo.exitCode());
        assertTrue(inRepo.err().contains("inside the NeuroMix source tree"), inRepo.err());
    }

    @Test
    void heldOutModulesAndMissingModuleFoldersAreRefused() throws Exception {
        song(work.resolve("songs/a.mid"), 100, 100);
        Path module = work.resolve("usr/share/games/njam/data/music.xm");
        Files.createDirectories(module.getParent());
        Files.write(module, new byte[] {0});
        AnalyzeCommandTest.Run refused = AnalyzeCommandTest.run("build-sessions", "--songs", work.resolve("songs").toString(),
                "--pinned-only", "--modules", module.getParent().toString(), "--out", work.resolve("s").toString());
        assertEquals(2, refused.exitCode());
        assertTrue(refused.err().contains("held-out material"), refused.err());
        AnalyzeCommandTest.Run missing = AnalyzeCommandTest.run("build-sessions", "--songs", work.resolve("songs").toString(),
                "--pinned-only", "--modules", work.resolve("no-modules-here").toString(), "--out", work.resolve("s").toString());
        assertEquals(2, missing.exitCode());
        assertTrue(missing.err().contains("no such file or folder"), missing.err());
        AnalyzeCommandTest.Run both = AnalyzeCommandTest.run("build-sessions", "--songs", work.resolve("songs").toString(),
                "--pinned-only", "--no-modules", "--modules", work.toString(), "--out", work.resolve("s").toString());
        assertEquals(2, both.exitCode());
        assertTrue(both.err().contains("--no-modules goes without --modules"), both.err());
        AnalyzeCommandTest.Run onlyWithSongs = AnalyzeCommandTest.run("build-sessions", "--modules-only", "--songs",
                work.resolve("songs").toString(), "--out", work.resolve("s").toString());
        assertEquals(2, onlyWithSongs.exitCode());
        assertTrue(onlyWithSongs.err().contains("--modules-only goes with none of"), onlyWithSongs.err());
        AnalyzeCommandTest.Run onlyHeldOut = AnalyzeCommandTest.run("build-sessions", "--modules-only", "--modules",
                module.getParent().toString(), "--out", work.resolve("s").toString());
        assertEquals(2, onlyHeldOut.exitCode());
        assertTrue(onlyHeldOut.err().contains("held-out material"), onlyHeldOut.err());
        assertTrue(AnalyzeCommandTest.run("build-sessions", "--help").out().contains("pekka-kana-2-data"));
    }
}
