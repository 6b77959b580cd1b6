package org.neuromix.engine.render;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.neuromix.engine.io.AudioEncoding;
import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.io.AudioReader;
import org.neuromix.engine.io.AudioWriter;
import org.neuromix.engine.loudness.FileLoudness;
import org.neuromix.engine.loudness.FileLoudnessAnalyzer;
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
import org.neuromix.engine.plan.MixPlanException;
import org.neuromix.engine.plan.MixPlans;
import org.neuromix.engine.testing.TestSignals;

class RendererTest {
    @TempDir
    static Path stems;
    @TempDir
    Path out;

    /** Stems of different rates, channel counts, formats and lengths. */
    @BeforeAll
    static void writeStems() throws Exception {
        writeStems(stems);
    }

    static void writeStems(Path stems) throws Exception {
        AudioWriter.write(stems.resolve("Drums.wav"), AudioEncoding.WAV_PCM_24, 48_000, TestSignals.programme(48_000, 2, 8.0, 1));
        AudioWriter.write(stems.resolve("Bass DI.flac"), AudioEncoding.FLAC_24, 44_100, TestSignals.programme(44_100, 1, 6.0, 2));
        AudioWriter.write(stems.resolve("Vox.wav"), AudioEncoding.WAV_FLOAT_32, 96_000, TestSignals.programme(96_000, 2, 7.0, 3));
        AudioWriter.write(stems.resolve("Surround Pad.wav"), AudioEncoding.WAV_PCM_16, 48_000, TestSignals.programme(48_000, 6, 5.0, 4));
        Files.writeString(stems.resolve("readme.txt"), "not audio");
    }

    static MixPlan plan(double targetLufs, int bitDepth) {
        List<TrackPlan> tracks = new ArrayList<>();
        tracks.add(new TrackPlan("drums", "Drums.wav", "drums", false, new GainMove(-3, false, "drums"),
                new PanMove(0, 1.1, "drums"),
                List.of(new EqBand("highPass", 30, 0.7071, 0, 12, "hp"), new EqBand("peaking", 400, 1.0, -3, 12, "box")),
                null, new CompressorMove(-18, 4, 5, 80, 6, 2, "peak", 0, "punch"), null,
                List.of(new Send("room", -18, "room"))));
        tracks.add(new TrackPlan("bass", "Bass DI.flac", "bass", false, new GainMove(-1, false, "bass"),
                new PanMove(0, 1, "bass centred"), List.of(new EqBand("highPass", 35, 0.7071, 0, 24, "rumble")),
                null, new CompressorMove(-20, 3, 10, 120, 6, 0, "rms", 0, "even"), null, List.of()));
        tracks.add(new TrackPlan("vox", "Vox.wav", "leadVocal", false, new GainMove(0, false, "vox"),
                new PanMove(0, 1, "vox"), List.of(new EqBand("peaking", 3000, 1.2, 2, 12, "presence")),
                new MixPlan.GateMove(-60, 2, 20, 1, 20, 100, "bleed"), null,
                new MixPlan.DeEsserMove(6500, -30, 4, 6, "ess"), List.of(new Send("room", -12, "space"))));
        tracks.add(new TrackPlan("pad", "Surround Pad.wav", "synthPad", false, new GainMove(-6, false, "pad"),
                new PanMove(0.3, 1.5, "pad"), List.of(), null, null, null, List.of()));
        return new MixPlan(1, new Target(targetLufs, -1, 48_000, bitDepth, "test"), tracks,
                List.of(new BusPlan("room", new ReverbMove(15, 1.2, 0.4, 1, "room"), 0, "room")),
                new MasterPlan(List.of(new EqBand("highShelf", 10_000, 0.7071, 1, 12, "air")),
                        new CompressorMove(-14, 2, 30, 200, 6, 0, "rms", 60, "glue"),
                        new LimiterMove(60, 1.5, "ceiling"), "master"));
    }

    @ParameterizedTest(name = "target {0} LUFS")
    @ValueSource(doubles = {-14, -23, -9})
    void hitsTheTargetLoudnessUnderTheCeiling(double targetLufs) throws Exception {
        Path mix = out.resolve("mix.wav");
        RenderResult result = new Renderer(2).render(plan(targetLufs, 24), stems, mix, null);
        FileLoudness measured = FileLoudnessAnalyzer.analyze(mix);
        assertEquals(targetLufs, measured.measurement().integratedLufs(), 0.3, "acceptance: ±0.3 LU");
        assertEquals(targetLufs, measured.measurement().integratedLufs(), Renderer.LOUDNESS_TOLERANCE_LU + 0.01,
                "the renderer's own tolerance");
        assertTrue(measured.measurement().truePeakDbtp() <= -1 + 0.1, "true peak " + measured.measurement().truePeakDbtp());
        assertEquals(result.measurement().integratedLufs(), measured.measurement().integratedLufs(), 1e-3,
                "the reported figure is the file's");
        // Longest stem (8 s) plus the room's 1.2 s decay.
        assertEquals(48_000 * (8.0 + 1.2), measured.frames(), 1.0);
        assertEquals(2, measured.info().channels());
        assertEquals(48_000, measured.info().sampleRate());
        try (var listing = Files.list(out)) {
            assertEquals(List.of(mix), listing.toList(), "no temporary files left");
        }
    }

    @Test
    void sameInputsGiveIdenticalBytes() throws Exception {
        Path first = out.resolve("a.wav");
        Path second = out.resolve("b.wav");
        new Renderer(2).render(plan(-14, 16), stems, first, null);
        new Renderer(1).render(plan(-14, 16), stems, second, null);
        assertArrayEquals(Files.readAllBytes(first), Files.readAllBytes(second));
    }

    @Test
    void exportsProcessedStemsNamedAfterTheirInputs() throws Exception {
        Path stemsOut = out.resolve("processed");
        RenderResult result = new Renderer(2).render(plan(-14, 24), stems, out.resolve("mix.flac"), stemsOut);
        List<String> names = result.stemFiles().stream().map(p -> p.getFileName().toString()).sorted().toList();
        assertEquals(List.of("Bass DI.wav", "Drums.wav", "Surround Pad.wav", "Vox.wav"), names);
        for (Path stem : result.stemFiles()) {
            try (AudioReader reader = AudioReader.open(stem)) {
                assertEquals(2, reader.channels());
                assertEquals(48_000, reader.sampleRate());
                assertEquals(48_000 * 9.2, reader.info().durationSeconds() * 48_000, 1.0, "aligned with the mix");
            }
        }
        assertEquals("flac/flac", AudioReader.probe(out.resolve("mix.flac")).format());
    }

    @Test
    void mutedTracksAreLeftOut() throws Exception {
        MixPlan plan = plan(-14, 24);
        List<TrackPlan> tracks = new ArrayList<>(plan.tracks());
        TrackPlan vox = tracks.get(2);
        tracks.set(2, new TrackPlan(vox.id(), vox.stem(), vox.role(), true, vox.gain(), vox.pan(), vox.eq(), vox.gate(),
                vox.compressor(), vox.deEsser(), vox.sends()));
        RenderResult result = new Renderer(2).render(new MixPlan(1, plan.target(), tracks, plan.buses(), plan.master()),
                stems, out.resolve("mix.wav"), out.resolve("st"));
        assertEquals(3, result.stemFiles().size());
    }

    @Test
    void silentStemsAreRenderedWithANote() throws Exception {
        Path silent = Files.createDirectories(out.resolve("silent-stems"));
        AudioWriter.write(silent.resolve("quiet.wav"), AudioEncoding.WAV_PCM_24, 48_000,
                new org.neuromix.engine.audio.AudioBuffer(2, 48_000));
        RenderResult result = new Renderer(2).render(MixPlans.neutralTemplate(List.of("quiet.wav")), silent,
                out.resolve("mix.wav"), null);
        assertTrue(result.notes().get(0).contains("silent"), result.notes().toString());
        assertTrue(Files.exists(out.resolve("mix.wav")));
    }

    @Test
    void badInputWritesNothing() throws Exception {
        Path mix = out.resolve("mix.wav");
        Files.writeString(mix, "previous render");
        MixPlan missing = MixPlans.neutralTemplate(List.of("Drums.wav", "Nope.wav"));
        RenderException notFound = assertThrows(RenderException.class, () -> new Renderer(2).render(missing, stems, mix, null));
        assertTrue(notFound.getMessage().contains("'Nope.wav' not found"), notFound.getMessage());

        MixPlan notAudio = MixPlans.neutralTemplate(List.of("readme.txt"));
        AudioFileException audio = assertThrows(AudioFileException.class, () -> new Renderer(2).render(notAudio, stems, mix, null));
        assertTrue(audio.getMessage().contains("readme.txt"), audio.getMessage());

        RenderException mp3 = assertThrows(RenderException.class,
                () -> new Renderer(2).render(plan(-14, 24), stems, out.resolve("mix.mp3"), null));
        assertTrue(mp3.getMessage().contains(".wav or .flac"), mp3.getMessage());

        assertThrows(RenderException.class, () -> new Renderer(2).render(plan(-14, 24), out.resolve("nowhere"), mix, null));

        MixPlan invalid = new MixPlan(1, new Target(5, -1, 48_000, 24, ""), plan(-14, 24).tracks(), plan(-14, 24).buses(),
                plan(-14, 24).master());
        MixPlanException planError = assertThrows(MixPlanException.class, () -> new Renderer(2).render(invalid, stems, mix, null));
        assertEquals("target.loudnessLufs", planError.field());

        assertEquals("previous render", Files.readString(mix), "the old output is untouched");
        try (var listing = Files.list(out)) {
            assertEquals(List.of(mix), listing.toList(), "no temporary files left");
        }
    }

    @Test
    void stemFolderScanSkipsNonAudioAndRefusesEmptyFolders() throws Exception {
        StemFolder.Contents contents = StemFolder.scan(stems);
        assertEquals(4, contents.stems().size());
        assertEquals(1, contents.skipped().size());
        Path empty = Files.createDirectories(out.resolve("empty"));
        RenderException error = assertThrows(RenderException.class, () -> StemFolder.scan(empty));
        assertTrue(error.getMessage().contains("no audio stems"), error.getMessage());
        assertFalse(Files.exists(out.resolve("empty").resolve("x")));
    }
}
