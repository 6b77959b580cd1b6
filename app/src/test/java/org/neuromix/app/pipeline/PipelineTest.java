package org.neuromix.app.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.app.storage.StorageSettings;
import org.neuromix.app.testing.ApiClient;
import org.neuromix.app.testing.ServiceTest;
import org.neuromix.app.testing.TestStems;
import org.neuromix.engine.loudness.FileLoudness;
import org.neuromix.engine.loudness.FileLoudnessAnalyzer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A session through the whole pipeline over the API: upload (one bad file among good ones),
 * start, stages, report, the privacy clean-up, a revision from an edited plan, downloads and
 * deletion — checked on disk and in the database, not only through the API. Runs on H2 and on
 * PostgreSQL (subclasses).
 */
abstract class PipelineTest extends ServiceTest {
    @Autowired
    JdbcClient jdbc;
    @Autowired
    StorageSettings storage;

    @TempDir
    Path stems;

    /**
     * The status turns terminal when its transaction commits; the privacy deletions it sets off run
     * right after (an event listener). Seen from the API they follow within moments, so this waits
     * up to 10 s for them, then fails.
     */
    private static void assertSoon(java.util.function.BooleanSupplier condition, String message) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(message + " (still not so after 10 s)");
            }
            Thread.sleep(50);
        }
    }

    private static long filesUnder(Path folder) {
        if (!Files.exists(folder)) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).count();
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            return -1; // being deleted while walked: not yet settled
        }
    }

    @Test
    void aSessionIsMixedRevisedDownloadedAndDeleted() throws Exception {
        ApiClient me = newUser("Mia");
        List<Path> files = new ArrayList<>(TestStems.write(stems, 6));
        Path notAudio = stems.resolve("notes.wav");
        Files.writeString(notAudio, "these are lyrics, not audio");
        files.add(notAudio);

        String id = me.post("/api/v1/sessions", "{\"name\":\"First song\",\"target\":\"apple\",\"style\":\"rock\"}")
                .json().get("id").asString();
        ApiClient.Response upload = me.upload("/api/v1/sessions/" + id + "/files", files);
        assertEquals(201, upload.status(), upload.body());
        assertEquals(4, upload.json().get("files").size());
        assertEquals(1, upload.json().get("refused").size());
        // In one plain sentence (mixer issue: the text-file message was nested and technical).
        assertEquals("'notes.wav' is not audio NeuroMix can read: it holds text, not sound. Upload WAV, FLAC, AIFF, MP3, Ogg"
                + " or M4A files", upload.json().get("refused").get(0).get("detail").asString());
        for (JsonNode f : upload.json().get("files")) {
            assertTrue(Files.isRegularFile(storage.files().resolve("sessions/" + id + "/originals/" + f.get("id").asString())));
        }

        assertEquals(202, me.postEmpty("/api/v1/sessions/" + id + "/start").status());
        assertEquals(409, me.postEmpty("/api/v1/sessions/" + id + "/start").status(), "started once");
        JsonNode done = me.awaitDone(id, Duration.ofMinutes(3));
        assertEquals("completed", done.get("status").asString(), done.toString());
        assertEquals(100, done.get("progress").asInt());
        assertEquals(-16, done.get("integratedLufs").asDouble(), 0.5, "Apple Music target");

        JsonNode report = me.get("/api/v1/sessions/" + id + "/report").json();
        assertEquals(-16, report.get("loudness").get("integratedLufs").asDouble(), 0.5);
        assertTrue(report.get("loudness").get("truePeakDbtp").asDouble() <= -1 + 0.1);
        assertEquals(7, report.get("platforms").size());
        assertFalse(report.get("loudnessOverTime").get("shortTermLufs").isEmpty());
        assertEquals(2000, report.get("waveform").get("minMax").size());

        // The privacy promise: originals and working copies are gone, on disk and in the database.
        assertSoon(() -> !Files.exists(storage.files().resolve("sessions/" + id + "/originals")), "originals deleted");
        assertSoon(() -> !Files.exists(storage.work().resolve(id)), "working copies deleted");
        assertEquals(4, jdbc.sql("select count(*) from session_files where session_id = ? and deleted_at is not null")
                .param(id).query(Integer.class).single());
        assertNotNull(jdbc.sql("select originals_deleted_at from mix_sessions where id = ?").param(id)
                .query(java.sql.Timestamp.class).single());

        Path mix = stems.resolve("mix.wav");
        ApiClient.Response download = me.get("/api/v1/sessions/" + id + "/mix.wav");
        assertEquals(200, download.status());
        Files.write(mix, download.raw().body());
        FileLoudness measured = FileLoudnessAnalyzer.analyze(mix);
        assertEquals(-16, measured.measurement().integratedLufs(), 0.5);
        assertEquals(24, measured.info().bitsPerSample());

        // A revision: the kick 4 dB up and a new target.
        ObjectNode plan = (ObjectNode) me.get("/api/v1/sessions/" + id + "/plan").json();
        ObjectNode gain = (ObjectNode) plan.get("tracks").get(0).get("gain");
        gain.put("gainDb", gain.get("gainDb").asDouble() + 4).put("reason", "more kick");
        ((ObjectNode) plan.get("target")).put("loudnessLufs", -14.0).put("reason", "Spotify");
        ApiClient.Response put = me.put("/api/v1/sessions/" + id + "/plan", plan.toString());
        assertEquals(202, put.status(), put.body());
        assertEquals(2, put.json().get("revision").asInt());
        JsonNode revised = me.awaitDone(id, Duration.ofMinutes(2));
        assertEquals("completed", revised.get("status").asString(), revised.toString());
        assertEquals(2, revised.get("revision").asInt());
        assertEquals(-14, revised.get("integratedLufs").asDouble(), 0.5);
        assertEquals(2, me.get("/api/v1/sessions/" + id).json().get("revisions").size(), "earlier revisions stay");
        assertEquals("more kick", me.get("/api/v1/sessions/" + id + "/plan?revision=2").json().get("tracks").get(0)
                .get("gain").get("reason").asString());
        assertEquals(-16, me.get("/api/v1/sessions/" + id + "/report?revision=1").json().get("loudness")
                .get("integratedLufs").asDouble(), 0.5);
        ApiClient.Response sixteen = me.get("/api/v1/sessions/" + id + "/mix.wav?revision=2&format=16");
        Files.write(mix, sixteen.raw().body());
        assertEquals(16, FileLoudnessAnalyzer.analyze(mix).info().bitsPerSample());

        // Exports (mixer issue, defect 11 and the extras): FLAC at the stems' own rate, MP3 at 44.1 kHz; the
        // rendered file's true peak is never exceeded by resampling or lossy encoding.
        double renderedPeak = FileLoudnessAnalyzer.analyze(writeTo(mix, me.get("/api/v1/sessions/" + id + "/mix.wav?revision=2")))
                .measurement().truePeakDbtp();
        ApiClient.Response flac = me.get("/api/v1/sessions/" + id + "/mix?revision=2&format=flac&rate=source");
        assertEquals(200, flac.status(), flac.body());
        assertTrue(flac.raw().headers().firstValue("Content-Disposition").orElse("").contains("-flac-44100Hz.flac"));
        FileLoudness flacFile = FileLoudnessAnalyzer.analyze(writeTo(stems.resolve("mix.flac"), flac));
        assertTrue(flacFile.info().format().contains("flac"), flacFile.info().format());
        assertEquals(44_100, flacFile.info().sampleRate(), "the stems came at 44.1 kHz");
        assertEquals(24, flacFile.info().bitsPerSample());
        assertTrue(flacFile.measurement().truePeakDbtp() <= renderedPeak + 0.06, flacFile.measurement() + " vs " + renderedPeak);
        assertEquals(-14, flacFile.measurement().integratedLufs(), 0.5);
        ApiClient.Response mp3 = me.get("/api/v1/sessions/" + id + "/mix?revision=2&format=mp3&rate=44100");
        assertEquals(200, mp3.status(), mp3.body());
        assertEquals("audio/mpeg", mp3.raw().headers().firstValue("Content-Type").orElse(""));
        FileLoudness mp3File = FileLoudnessAnalyzer.analyze(writeTo(stems.resolve("mix.mp3"), mp3));
        assertEquals(44_100, mp3File.info().sampleRate());
        assertTrue(mp3File.measurement().truePeakDbtp() <= renderedPeak + 0.06, mp3File.measurement() + " vs " + renderedPeak);
        ApiClient.Response badRate = me.get("/api/v1/sessions/" + id + "/mix?format=flac&rate=12345");
        assertEquals(400, badRate.status());
        assertEquals("rate", badRate.json().get("field").asString());
        assertEquals(404, me.get("/api/v1/sessions/" + id + "/separated.zip").status(), "stems were uploaded, not separated");

        // The DAW session export (mixer issue): a REAPER project of revision 2 with its audio, every track at the
        // revision's fader and pan (the mix-down itself is checked against the bus sum in ReaperExportTest).
        ApiClient.Response reaper = me.get("/api/v1/sessions/" + id + "/reaper.zip?revision=2");
        assertEquals(200, reaper.status(), reaper.body());
        assertEquals("application/zip", reaper.raw().headers().firstValue("Content-Type").orElse(""));
        java.util.Map<String, byte[]> entries = new java.util.TreeMap<>();
        try (java.util.zip.ZipInputStream zip = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(reaper.raw().body()))) {
            for (java.util.zip.ZipEntry entry; (entry = zip.getNextEntry()) != null; ) {
                entries.put(entry.getName(), zip.readAllBytes());
            }
        }
        String projectName = entries.keySet().stream().filter(n -> n.endsWith(".rpp")).findFirst().orElseThrow(
                () -> new AssertionError("no .rpp in " + entries.keySet()));
        String folder = projectName.substring(0, projectName.lastIndexOf('/') + 1);
        String project = new String(entries.get(projectName), java.nio.charset.StandardCharsets.UTF_8);
        assertTrue(project.startsWith("<REAPER_PROJECT "), project);
        JsonNode revisionPlan = me.get("/api/v1/sessions/" + id + "/plan?revision=2").json();
        int expectedTracks = revisionPlan.get("tracks").size() + revisionPlan.get("buses").size();
        assertEquals(expectedTracks, project.split("\n  <TRACK ", -1).length - 1, project);
        List<String> volpans = project.lines().filter(l -> l.startsWith("    VOLPAN ")).toList();
        for (int t = 0; t < revisionPlan.get("tracks").size(); t++) {
            JsonNode track = revisionPlan.get("tracks").get(t);
            String[] fields = volpans.get(t).trim().split(" ");
            assertEquals(Math.pow(10, track.get("gain").get("gainDb").asDouble() / 20), Double.parseDouble(fields[1]), 1e-6,
                    "track " + t + "'s volume is revision 2's fader");
            assertEquals(track.get("pan").get("position").asDouble(), Double.parseDouble(fields[2]), 1e-9, "track " + t + "'s pan");
            String stemName = track.get("stem").asString().replaceAll("\\.[^.]+$", "");
            assertTrue(project.contains("NAME " + stemName + "\n") || project.contains("NAME \"" + stemName + "\"\n"),
                    "tracks carry the stems' own names: " + stemName);
        }
        for (String file : project.lines().filter(l -> l.strip().startsWith("FILE ")).map(l -> l.strip().substring(5)
                .replace("\"", "")).toList()) {
            assertTrue(entries.containsKey(folder + file), file + " is in the zip: " + entries.keySet());
        }
        assertEquals(404, me.get("/api/v1/sessions/" + id + "/reaper.zip?revision=7").status(), "no revision 7");
        assertEquals(400, me.get("/api/v1/sessions/" + id + "/reaper.zip?revision=0").status(), "revisions count from 1");

        // Bad plans are refused with the field's name; nothing else changes.
        ApiClient.Response malformed = me.put("/api/v1/sessions/" + id + "/plan", "{\"version\": 1, \"tracks\": [");
        assertEquals(400, malformed.status());
        // Turning the first render's high-pass into a low-pass removes the high-pass, and the stems it
        // was rendered from are deleted: RevisionPlans refuses it (only peaking and shelving bands can be
        // undone), naming the first track that has one, before anything is claimed or queued.
        int highPassed = -1;
        for (int t = 0; t < plan.get("tracks").size() && highPassed < 0; t++) {
            for (JsonNode band : plan.get("tracks").get(t).get("eq")) {
                if (band.get("type").asString().equals("highPass")) {
                    highPassed = t;
                    break;
                }
            }
        }
        assertTrue(highPassed >= 0, "the planner high-passes a track of these stems, so the edit below changes the plan: "
                + plan);
        ApiClient.Response removesHighPass = me.put("/api/v1/sessions/" + id + "/plan",
                plan.toString().replace("\"highPass\"", "\"lowPass\""));
        assertEquals(400, removesHighPass.status(), removesHighPass.body());
        assertEquals("tracks[" + highPassed + "].eq", removesHighPass.json().get("field").asString(), removesHighPass.body());
        String reason = removesHighPass.json().get("detail").asString();
        assertTrue(reason.contains("highPass") && reason.contains("cannot be removed"), reason);
        JsonNode after = me.get("/api/v1/sessions/" + id).json();
        assertEquals("completed", after.get("status").asString(), "a refused revision changes nothing: " + after);
        assertEquals(2, after.get("revision").asInt(), after.toString());
        assertEquals(2, after.get("revisions").size(), after.toString());
        assertEquals(200, me.get("/api/v1/sessions/" + id + "/report").status());

        assertEquals(204, me.delete("/api/v1/sessions/" + id).status());
        assertEquals(404, me.get("/api/v1/sessions/" + id).status());
        assertFalse(Files.exists(storage.files().resolve("sessions/" + id)), "every file of the session is gone");
        assertEquals(0, jdbc.sql("select count(*) from revisions where session_id = ?").param(id).query(Integer.class).single());
    }

    /** A reference track (mixer issue: spectrum overlay): its loudness and bands are kept in the report, the upload is not. */
    @Test
    void aReferenceTracksSpectrumIsKeptForTheOverlay() throws Exception {
        ApiClient me = newUser("Rea");
        List<Path> files = TestStems.write(stems, 5);
        Path reference = stems.resolve("Reference song.wav");
        org.neuromix.engine.audio.AudioBuffer song = new org.neuromix.engine.audio.AudioBuffer(2, 6 * 48_000);
        java.util.Random random = new java.util.Random(9);
        for (int i = 0; i < song.frames(); i++) {
            float beat = (float) (0.15 + 0.1 * Math.sin(2 * Math.PI * 2 * i / 48_000.0)); // a little movement
            song.channel(0)[i] = beat * (float) random.nextGaussian() * 0.5f;
            song.channel(1)[i] = beat * (float) random.nextGaussian() * 0.5f;
        }
        org.neuromix.engine.io.AudioWriter.write(reference, org.neuromix.engine.io.AudioEncoding.WAV_PCM_16, 48_000, song);
        String id = me.post("/api/v1/sessions", "{\"name\":\"Matched\"}").json().get("id").asString();
        assertEquals(201, me.upload("/api/v1/sessions/" + id + "/files", files).status());
        ApiClient.Response upload = me.upload("/api/v1/sessions/" + id + "/files?kind=reference", List.of(reference));
        assertEquals(201, upload.status(), upload.body());
        assertEquals(202, me.postEmpty("/api/v1/sessions/" + id + "/start").status());
        JsonNode done = me.awaitDone(id, Duration.ofMinutes(3));
        assertEquals("completed", done.get("status").asString(), done.toString());
        JsonNode report = me.get("/api/v1/sessions/" + id + "/report").json();
        double measured = FileLoudnessAnalyzer.analyze(reference).measurement().integratedLufs();
        assertEquals(measured, report.get("referenceLufs").asDouble(), 0.1, "the reference track's own loudness");
        assertEquals(report.get("spectrum").get("bandEnergiesDb").size(), report.get("referenceSpectrumDb").size(),
                "the same bands as the mix's spectrum");
        assertSoon(() -> !Files.exists(storage.files().resolve("sessions/" + id + "/originals")), "the reference upload is deleted");
    }

    @Test
    void aSessionWhoseStemsAreAllSilentFailsWithAReasonAndKeepsNothing() throws Exception {
        ApiClient me = newUser("Sam");
        // Mono, and stereo: one stereo file is separated first, and the separated stems it stored go too.
        for (int channels = 1; channels <= 2; channels++) {
        Path silent = stems.resolve("Silence " + channels + ".wav");
        org.neuromix.engine.io.AudioWriter.write(silent, org.neuromix.engine.io.AudioEncoding.WAV_PCM_16, 48_000,
                new org.neuromix.engine.audio.AudioBuffer(channels, 48_000 * 2));
        String id = me.post("/api/v1/sessions", "{}").json().get("id").asString();
        assertEquals(201, me.upload("/api/v1/sessions/" + id + "/files", List.of(silent)).status());
        assertEquals(202, me.postEmpty("/api/v1/sessions/" + id + "/start").status());
        JsonNode done = me.awaitDone(id, Duration.ofMinutes(2));
        assertEquals("failed", done.get("status").asString(), done.toString());
        assertTrue(done.get("error").asString().length() > 10, done.toString());
        Path kept = storage.files().resolve("sessions/" + id);
        assertSoon(() -> filesUnder(kept) == 0, "nothing kept after failing for good");
        assertSoon(() -> !Files.exists(storage.work().resolve(id)), "working copies deleted");
        }
    }

    @Test
    void aSingleStereoMixIsSeparatedThenMixed() throws Exception {
        ApiClient me = newUser("Stella");
        List<Path> parts = TestStems.write(stems, 8);
        float[][] stereo = new float[2][];
        for (int p = 0; p < parts.size(); p++) {
            try (org.neuromix.engine.io.AudioReader reader = org.neuromix.engine.io.AudioReader.open(parts.get(p))) {
                org.neuromix.engine.audio.AudioBuffer block = new org.neuromix.engine.audio.AudioBuffer(1, 44_100 * 8);
                int n = reader.read(block);
                if (stereo[0] == null) {
                    stereo[0] = new float[n];
                    stereo[1] = new float[n];
                }
                double pan = p == 3 ? 0.7 : 0.5; // the guitar a little to the right
                for (int i = 0; i < n; i++) {
                    stereo[0][i] += (float) (0.6 * (1 - pan) * 2 * block.channel(0)[i]);
                    stereo[1][i] += (float) (0.6 * pan * 2 * block.channel(0)[i]);
                }
            }
        }
        Path song = stems.resolve("Whole song.wav");
        org.neuromix.engine.io.AudioWriter.write(song, org.neuromix.engine.io.AudioEncoding.WAV_PCM_24, 44_100,
                new org.neuromix.engine.audio.AudioBuffer(stereo));
        String id = me.post("/api/v1/sessions", "{\"name\":\"One file\"}").json().get("id").asString();
        assertEquals(201, me.upload("/api/v1/sessions/" + id + "/files", List.of(song)).status());
        me.postEmpty("/api/v1/sessions/" + id + "/start");
        JsonNode done = me.awaitDone(id, Duration.ofMinutes(3));
        assertEquals("completed", done.get("status").asString(), done.toString());
        assertEquals(-14, done.get("integratedLufs").asDouble(), 0.5);
        List<String> tracks = new ArrayList<>();
        me.get("/api/v1/sessions/" + id + "/plan").json().get("tracks").forEach(t -> tracks.add(t.get("stem").asString()));
        assertEquals(List.of("Bass.wav", "Drums.wav", "Lead Vocals.wav", "Other.wav"), tracks.stream().sorted().toList());
        assertTrue(jdbc.sql("select count(*) from session_log where session_id = ? and message like 'separated%'").param(id)
                .query(Integer.class).single() == 1);
        assertSoon(() -> !Files.exists(storage.work().resolve(id)), "working copies and separated stems deleted");

        // The raw separated stems are a download (mixer issue: exports people ask for).
        ApiClient.Response zip = me.get("/api/v1/sessions/" + id + "/separated.zip");
        assertEquals(200, zip.status());
        List<String> entries = new ArrayList<>();
        try (java.util.zip.ZipInputStream in = new java.util.zip.ZipInputStream(new java.io.ByteArrayInputStream(zip.raw().body()))) {
            for (java.util.zip.ZipEntry entry; (entry = in.getNextEntry()) != null; ) {
                entries.add(entry.getName());
            }
        }
        assertEquals(List.of("Bass.wav", "Drums.wav", "Lead Vocals.wav", "Other.wav"), entries.stream().sorted().toList());
    }

    private static Path writeTo(Path file, ApiClient.Response response) throws java.io.IOException {
        assertEquals(200, response.status());
        return Files.write(file, response.raw().body());
    }
}
