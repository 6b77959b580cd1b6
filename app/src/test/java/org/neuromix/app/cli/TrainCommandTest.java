package org.neuromix.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code neuromix train} and {@code neuromix eval}: all models from one command, and SoundFont errors as one line. */
class TrainCommandTest {
    @TempDir
    Path work;

    @Test
    void trainWritesEveryModel() throws Exception {
        Path out = work.resolve("models");
        AnalyzeCommandTest.Run run = AnalyzeCommandTest.run("train", "--sessions", "2", "--seed", "3", "--bars", "1",
                "--out", out.toString());
        assertEquals(0, run.exitCode(), run.err());
        for (String file : new String[] {"balance-model.json", "pan-model.json", "high-pass-model.json",
            "low-shelf-model.json", "low-mid-model.json", "high-shelf-model.json", "compressor-ratio-model.json",
            "compressor-threshold-model.json", "role-model.json"}) {
            assertTrue(Files.size(out.resolve(file)) > 0, file);
            assertTrue(run.out().contains(file), run.out());
        }
        assertTrue(run.out().contains("the pinned JDK bank"), run.out());
    }

    @Test
    void aMissingOrInvalidSoundFontIsAOneLineRefusal() throws Exception {
        Path out = work.resolve("m");
        assertBad(AnalyzeCommandTest.run("train", "--sessions", "1", "--soundfont", work.resolve("none.sf2").toString(),
                "--out", out.toString()), "neuromix train: SoundFont not found: ");
        Path fake = Files.writeString(work.resolve("fake.sf2"), "RIFF but not really a SoundFont");
        assertBad(AnalyzeCommandTest.run("train", "--sessions", "1", "--soundfont", fake.toString(), "--out", out.toString()),
                "is not a SoundFont (.sf2) or DLS sound bank");
        assertBad(AnalyzeCommandTest.run("eval", "--sessions", "1", "--soundfont", fake.toString()),
                "neuromix eval: " + fake + " is not a SoundFont");
        assertFalse(Files.exists(out), "nothing trained");
    }

    @Test
    void trainingRefusesThePathsOfTheServicesStorage() throws Exception {
        // The tests run in app/, so the service's default data folder is app/data.
        Path serviceData = Path.of("data").toAbsolutePath();
        assertBad(AnalyzeCommandTest.run("train", "--sessions", "1", "--out", serviceData.resolve("models").toString()),
                "is inside the service's data folder");
        assertBad(AnalyzeCommandTest.run("train", "--sessions", "1", "--out", work.resolve("m").toString(),
                "--soundfont", "data/files/sessions/x/originals/y"), "training reads generated sessions only");
        assertBad(AnalyzeCommandTest.run("eval", "--sessions", "1", "--markdown", "./data/../data/report.md"),
                "is inside the service's data folder");
        assertFalse(Files.exists(serviceData), "nothing was written there");
    }

    @Test
    void theGuardFollowsTheConfiguredDataFolderAndLinks() throws Exception {
        Path data = Files.createDirectories(work.resolve("service-data/files"));
        ServiceStorageGuard guard = new ServiceStorageGuard(java.util.Map.of("NEUROMIX_DATA_DIR", work.resolve("service-data").toString()));
        assertTrue(guard.refusal("--out", data.resolve("sessions/abc")) != null);
        Path link = Files.createSymbolicLink(work.resolve("innocent"), data);
        assertTrue(guard.refusal("--soundfont", link.resolve("bank.sf2")) != null, "a link into the storage is refused");
        assertEquals(null, guard.refusal("--out", work.resolve("models")));
    }

    private static void assertBad(AnalyzeCommandTest.Run run, String expected) {
        assertEquals(2, run.exitCode(), run.err());
        assertTrue(run.err().contains(expected), run.err());
        assertEquals(1, run.err().strip().lines().count(), "one line: " + run.err());
        assertFalse(run.err().contains("Exception"), run.err());
    }
}
