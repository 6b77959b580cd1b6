package org.neuromix.engine.daw;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.io.AudioEncoding;
import org.neuromix.engine.io.AudioReader;
import org.neuromix.engine.io.AudioWriter;
import org.neuromix.engine.plan.MixPlan;
import org.neuromix.engine.plan.MixPlan.BusPlan;
import org.neuromix.engine.plan.MixPlan.CompressorMove;
import org.neuromix.engine.plan.MixPlan.EqBand;
import org.neuromix.engine.plan.MixPlan.GainMove;
import org.neuromix.engine.plan.MixPlan.LimiterMove;
import org.neuromix.engine.plan.MixPlan.MasterPlan;
import org.neuromix.engine.plan.MixPlan.PanMove;
import org.neuromix.engine.plan.MixPlan.ReverbMove;
import org.neuromix.engine.plan.MixPlan.Send;
import org.neuromix.engine.plan.MixPlan.Target;
import org.neuromix.engine.plan.MixPlan.TrackPlan;
import org.neuromix.engine.testing.TestSignals;

/**
 * The REAPER export: the project text is read back with REAPER's own tokenising rules (chunks,
 * quoting) and checked against the plan, and an FFmpeg mix-down of its items — at the volumes,
 * polarities and pans the project file states, with the pan laws it names — is compared with the
 * renderer's bus sum, by FFmpeg's own loudness meter and sample by sample.
 */
class ReaperExportTest {
    @TempDir
    static Path stems;
    @TempDir
    static Path session;
    @TempDir
    static Path scratch;

    static MixPlan plan;
    static ReaperExport.Result result;
    static List<Chunk> tracks;
    static Chunk root;

    @BeforeAll
    static void export() throws Exception {
        AudioWriter.write(stems.resolve("Kick.wav"), AudioEncoding.WAV_PCM_24, 48_000, TestSignals.programme(48_000, 1, 6.0, 1));
        AudioWriter.write(stems.resolve("Gtr \"lead\" 'take 2'.flac"), AudioEncoding.FLAC_24, 44_100,
                TestSignals.programme(44_100, 1, 5.0, 2));
        AudioWriter.write(stems.resolve("Keys.wav"), AudioEncoding.WAV_FLOAT_32, 48_000, TestSignals.programme(48_000, 2, 6.0, 3));
        AudioWriter.write(stems.resolve("Pad.wav"), AudioEncoding.WAV_PCM_16, 48_000, TestSignals.programme(48_000, 2, 4.0, 4));
        AudioWriter.write(stems.resolve("Muted.wav"), AudioEncoding.WAV_PCM_16, 48_000, TestSignals.programme(48_000, 1, 4.0, 5));
        List<TrackPlan> list = new ArrayList<>();
        list.add(new TrackPlan("kick", "Kick.wav", "kick", false, new GainMove(-4.25, false, "kick under the bass"),
                new PanMove(0, 1, "centre"), List.of(new EqBand("highPass", 30, 0.7071, 0, 24, "rumble"),
                new EqBand("peaking", 60, 1.4, 3, 12, "weight")), null,
                new CompressorMove(-18, 4, 5, 80, 6, 2, "peak", 0, "punch"), null, List.of()));
        list.add(new TrackPlan("gtr", "Gtr \"lead\" 'take 2'.flac", "electricGuitar", false, new GainMove(2.5, true, "lead forward"),
                new PanMove(-0.6, 1, "left of centre"), List.of(new EqBand("peaking", 2500, 1.0, 2, 12, "bite")), null, null,
                null, List.of(new Send("room", -14, "space"))));
        list.add(new TrackPlan("keys", "Keys.wav", "pianoKeys", false, new GainMove(-7, false, "keys under"),
                new PanMove(0.45, 1.4, "right, wider"), List.of(), null,
                new CompressorMove(-22, 2.5, 15, 150, 6, 0, "rms", 80, "even"), null, List.of(new Send("room", -10, "space"))));
        list.add(new TrackPlan("pad", "Pad.wav", "synthPad", false, new GainMove(-12, false, "pad far back"),
                new PanMove(-1, 0.5, "hard left, narrow"), List.of(new EqBand("lowShelf", 150, 0.7071, -3, 12, "thin")), null, null,
                null, List.of()));
        list.add(new TrackPlan("muted", "Muted.wav", "fxOther", true, new GainMove(0, false, "muted"), new PanMove(0.2, 1, "x"),
                List.of(), null, null, null, List.of()));
        plan = new MixPlan(1, new Target(-14, -1, 48_000, 24, "Spotify"), list,
                List.of(new BusPlan("room", new ReverbMove(15, 1.2, 0.4, 1, "a small room"), -3, "room return")),
                new MasterPlan(List.of(new EqBand("highShelf", 10_000, 0.7071, 1.5, 12, "air")),
                        new CompressorMove(-14, 2, 30, 200, 6, 0, "rms", 60, "glue"), new LimiterMove(60, 1.5, "ceiling"),
                        "master"));
        result = ReaperExport.export(plan, stems, session, scratch, "My song r2", 2);
        root = parse(Files.readString(result.project()));
        tracks = root.children.stream().filter(c -> c.name.equals("TRACK")).toList();
    }

    @Test
    void theProjectIsWellFormedWithOneTrackPerStemAndOneReturn() throws Exception {
        assertEquals("REAPER_PROJECT", root.name);
        assertEquals("My song r2.rpp", result.project().getFileName().toString());
        assertEquals(List.of("48000", "1", "0"), root.values("SAMPLERATE"));
        assertEquals(plan.tracks().size() + plan.buses().size(), tracks.size(), "a track per stem and per return");
        List<String> names = tracks.stream().map(t -> t.values("NAME").get(0)).toList();
        assertEquals(List.of("Kick", "Gtr \"lead\" 'take 2'", "Keys", "Pad", "Muted", "Reverb return (room)"), names,
                "names read back through REAPER's quoting");
        for (Chunk track : tracks) {
            assertEquals(track.header.get(0), track.values("TRACKID").get(0), "the track's GUID is its TRACKID");
            assertTrue(track.header.get(0).matches("\\{[0-9A-F-]{36}\\}"), track.header.get(0));
        }
    }

    @Test
    void volumesPolaritiesAndPansAreThePlans() {
        for (int i = 0; i < plan.tracks().size(); i++) {
            TrackPlan planned = plan.tracks().get(i);
            Chunk track = tracks.get(i);
            List<String> volpan = track.values("VOLPAN");
            assertEquals(Math.pow(10, planned.gain().gainDb() / 20), Double.parseDouble(volpan.get(0)), 1e-9, planned.id());
            assertEquals(planned.pan().position(), Double.parseDouble(volpan.get(1)), 1e-12, planned.id());
            assertEquals(planned.gain().polarityInverted() ? "1" : "0", track.values("IPHASE").get(0), planned.id());
            assertEquals(planned.muted() ? "1" : "0", track.values("MUTESOLO").get(0), planned.id());
            assertEquals(planned.muted(), track.child("ITEM") == null, "a muted track has no audio: " + planned.id());
        }
        Chunk reverb = tracks.get(plan.tracks().size());
        assertEquals(Math.pow(10, -3 / 20.0), Double.parseDouble(reverb.values("VOLPAN").get(0)), 1e-9, "the return gain");
    }

    @Test
    void everyItemIsAFileOfTheSessionAsLongAsTheRender() throws Exception {
        for (Chunk track : tracks) {
            Chunk item = track.child("ITEM");
            if (item == null) {
                continue;
            }
            Chunk source = item.child("SOURCE");
            assertEquals("WAVE", source.header.get(0));
            Path file = session.resolve(source.values("FILE").get(0));
            assertTrue(Files.isRegularFile(file), file.toString());
            assertEquals("0", item.values("POSITION").get(0));
            try (AudioReader reader = AudioReader.open(file)) {
                assertEquals(result.render().frames() / 48_000.0, Double.parseDouble(item.values("LENGTH").get(0)), 1e-6);
                assertEquals(result.render().frames() / 48_000.0, reader.info().durationSeconds(), 1e-3);
            }
        }
        try (var listing = Files.list(session.resolve("audio"))) {
            assertEquals(5, listing.count(), "four stems and the return: the muted stem has no file");
        }
    }

    @Test
    void theNotesCarryEveryMoveAndTheMasterChain() {
        Chunk notes = root.child("NOTES");
        assertNotNull(notes);
        String text = String.join("\n", notes.raw);
        for (TrackPlan track : plan.tracks()) {
            assertTrue(text.contains(track.gain().reason()), track.id());
            assertTrue(text.contains(track.pan().reason()), track.id());
            for (EqBand band : track.eq()) {
                assertTrue(text.contains(band.reason()), band.reason());
            }
        }
        assertTrue(text.contains("ReaEQ Band): 60 Hz, gain +3.0 dB, bandwidth 1.01 oct (Q 1.40)"), text);
        assertTrue(text.contains("ReaComp): threshold -18.0 dB, ratio 4.0:1"), text);
        assertTrue(text.contains("Master chain (not applied"), text);
        assertTrue(text.contains("normalise to -14 LUFS and limit to -1 dBTP"), text);
    }

    /** What REAPER would play, made by FFmpeg from the project's own numbers, against the renderer's bus sum. */
    @Test
    void anFfmpegMixDownOfTheItemsAtTheProjectsSettingsIsTheBusSum() throws Exception {
        List<String> command = new ArrayList<>(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-y"));
        StringBuilder graph = new StringBuilder();
        int inputs = 0;
        for (Chunk track : tracks) {
            Chunk item = track.child("ITEM");
            if (item == null || "1".equals(track.values("MUTESOLO").get(0))) {
                continue;
            }
            Path file = session.resolve(item.child("SOURCE").values("FILE").get(0));
            command.addAll(List.of("-i", file.toString()));
            List<String> volpan = track.values("VOLPAN");
            double volume = Double.parseDouble(volpan.get(0)) * ("1".equals(track.values("IPHASE").get(0)) ? -1 : 1);
            double pan = Double.parseDouble(volpan.get(1));
            double law = Double.parseDouble(volpan.get(2));
            int channels;
            try (AudioReader reader = AudioReader.open(file)) {
                channels = reader.channels();
            }
            double angle = (pan + 1) * Math.PI / 4;
            String panFilter;
            if (channels == 1) {
                assertEquals(Math.sqrt(0.5), law, 1e-9, "a mono track names the -3 dB sine law");
                panFilter = String.format(java.util.Locale.ROOT, "pan=stereo|c0=%.12f*c0|c1=%.12f*c0", volume * Math.cos(angle),
                        volume * Math.sin(angle));
            } else {
                assertEquals(1.0, law, 1e-9, "a stereo track names the 0 dB balance law");
                double left = pan > 0 ? Math.cos(angle) / Math.cos(Math.PI / 4) : 1;
                double right = pan < 0 ? Math.sin(angle) / Math.sin(Math.PI / 4) : 1;
                panFilter = String.format(java.util.Locale.ROOT, "pan=stereo|c0=%.12f*c0|c1=%.12f*c1", volume * left,
                        volume * right);
            }
            graph.append('[').append(inputs).append(":a]aformat=sample_fmts=dbl,").append(panFilter).append("[t").append(inputs)
                    .append("];");
            inputs++;
        }
        for (int i = 0; i < inputs; i++) {
            graph.append("[t").append(i).append(']');
        }
        graph.append("amix=inputs=").append(inputs).append(":normalize=0:duration=longest[out]");
        Path mixDown = scratch.resolve("ffmpeg-mixdown.wav");
        command.addAll(List.of("-filter_complex", graph.toString(), "-map", "[out]", "-c:a", "pcm_f32le", mixDown.toString()));
        run(command);
        double ffmpegLufs = ffmpegIntegratedLufs(mixDown);
        double busSumLufs = ffmpegIntegratedLufs(result.busSum());
        assertEquals(busSumLufs, ffmpegLufs, 0.1, "acceptance: the mix-down matches the pre-master within 0.1 LU");
        // Closer than the acceptance asks: the same samples, to float rounding.
        double difference = 0, energy = 0;
        try (AudioReader a = AudioReader.open(mixDown); AudioReader b = AudioReader.open(result.busSum())) {
            AudioBuffer x = new AudioBuffer(2, 4096), y = new AudioBuffer(2, 4096);
            for (int n; (n = a.read(x)) > 0; ) {
                assertEquals(n, b.read(y));
                for (int c = 0; c < 2; c++) {
                    for (int i = 0; i < n; i++) {
                        double d = x.channel(c)[i] - y.channel(c)[i];
                        difference += d * d;
                        energy += (double) y.channel(c)[i] * y.channel(c)[i];
                    }
                }
            }
        }
        assertTrue(energy > 0);
        double residualDb = 10 * Math.log10(difference / energy);
        assertTrue(residualDb < -80, "residual " + residualDb + " dB");
    }

    @Test
    void theBusSumIsNotPartOfTheSession() {
        assertFalse(result.busSum().startsWith(session));
        assertTrue(Files.isRegularFile(result.busSum()));
    }

    private static double ffmpegIntegratedLufs(Path file) throws IOException, InterruptedException {
        Path metadata = scratch.resolve(file.getFileName() + ".r128.txt");
        run(List.of("ffmpeg", "-nostdin", "-hide_banner", "-loglevel", "error", "-i", file.toString(), "-af",
                "ebur128=metadata=1,ametadata=print:file=" + metadata, "-f", "null", "-"));
        double integrated = Double.NaN;
        for (String line : Files.readAllLines(metadata)) {
            if (line.startsWith("lavfi.r128.I=")) {
                integrated = Double.parseDouble(line.substring("lavfi.r128.I=".length()));
            }
        }
        return integrated;
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        assertTrue(process.waitFor(5, TimeUnit.MINUTES), "ffmpeg timed out");
        assertEquals(0, process.exitValue(), "ffmpeg failed (it is needed for this test: Debian's ffmpeg): " + output);
    }

    /** A chunk of an .rpp: its header tokens, its lines' tokens by key, its raw lines and its sub-chunks. */
    static final class Chunk {
        final String name;
        final List<String> header;
        final List<List<String>> lines = new ArrayList<>();
        final List<String> raw = new ArrayList<>();
        final List<Chunk> children = new ArrayList<>();

        Chunk(String name, List<String> header) {
            this.name = name;
            this.header = header;
        }

        List<String> values(String key) {
            return lines.stream().filter(l -> l.get(0).equals(key)).findFirst().map(l -> l.subList(1, l.size()))
                    .orElseThrow(() -> new AssertionError(name + " has no " + key));
        }

        Chunk child(String childName) {
            return children.stream().filter(c -> c.name.equals(childName)).findFirst().orElse(null);
        }
    }

    /** REAPER's rules: {@code <NAME} opens, {@code >} closes, {@code |} lines are raw text, tokens quoted by " ' or `. */
    static Chunk parse(String text) {
        Deque<Chunk> open = new ArrayDeque<>();
        Chunk top = null;
        for (String line : text.split("\n", -1)) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            assertTrue(top == null, "nothing may follow the project's end: " + line);
            if (trimmed.startsWith("<")) {
                List<String> tokens = tokens(trimmed.substring(1));
                Chunk chunk = new Chunk(tokens.get(0), tokens.subList(1, tokens.size()));
                if (!open.isEmpty()) {
                    open.peek().children.add(chunk);
                }
                open.push(chunk);
            } else if (trimmed.equals(">")) {
                assertFalse(open.isEmpty(), "a '>' closes nothing");
                Chunk closed = open.pop();
                if (open.isEmpty()) {
                    top = closed;
                }
            } else if (trimmed.startsWith("|")) {
                assertFalse(open.isEmpty());
                open.peek().raw.add(trimmed.substring(1));
            } else {
                assertFalse(open.isEmpty(), "a line outside any chunk: " + line);
                List<String> tokens = tokens(trimmed);
                assertTrue(tokens.get(0).matches("[A-Z_0-9]+"), "a key: " + line);
                open.peek().lines.add(tokens);
            }
        }
        assertTrue(open.isEmpty(), "unclosed chunks: " + open.size());
        assertNotNull(top, "no project");
        return top;
    }

    static List<String> tokens(String line) {
        List<String> tokens = new ArrayList<>();
        int i = 0;
        while (i < line.length()) {
            char c = line.charAt(i);
            if (c == ' ' || c == '\t') {
                i++;
                continue;
            }
            if (c == '"' || c == '\'' || c == '`') {
                int end = line.indexOf(c, i + 1);
                assertTrue(end > i, "an unterminated quote: " + line);
                tokens.add(line.substring(i + 1, end));
                i = end + 1;
                assertTrue(i == line.length() || line.charAt(i) == ' ', "a quote must end a token: " + line);
            } else {
                int end = line.indexOf(' ', i);
                end = end < 0 ? line.length() : end;
                tokens.add(line.substring(i, end));
                i = end;
            }
        }
        return tokens;
    }
}
