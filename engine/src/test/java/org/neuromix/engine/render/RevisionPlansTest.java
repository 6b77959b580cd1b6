package org.neuromix.engine.render;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.io.AudioEncoding;
import org.neuromix.engine.io.AudioReader;
import org.neuromix.engine.io.AudioWriter;
import org.neuromix.engine.plan.MixPlan;
import org.neuromix.engine.plan.MixPlan.CompressorMove;
import org.neuromix.engine.plan.MixPlan.EqBand;
import org.neuromix.engine.plan.MixPlan.GainMove;
import org.neuromix.engine.plan.MixPlan.PanMove;
import org.neuromix.engine.plan.MixPlan.Target;
import org.neuromix.engine.plan.MixPlan.TrackPlan;
import org.neuromix.engine.plan.MixPlanException;

class RevisionPlansTest {
    @TempDir
    static Path stems;
    @TempDir
    Path out;

    /**
     * RendererTest's stems, faded out over 0.2 s as recorded stems end: the sources keep a track's
     * EQ output for the stem's own length, so the ringing of an EQ after an abrupt cut is not in them.
     */
    @BeforeAll
    static void writeStems() throws Exception {
        RendererTest.writeStems(stems);
        for (String name : List.of("Drums.wav", "Bass DI.flac", "Vox.wav", "Surround Pad.wav")) {
            Path file = stems.resolve(name);
            AudioBuffer audio;
            int rate;
            AudioEncoding encoding = name.endsWith(".flac") ? AudioEncoding.FLAC_24 : AudioEncoding.WAV_FLOAT_32;
            try (AudioReader reader = AudioReader.open(file)) {
                rate = reader.sampleRate();
                audio = new AudioBuffer(reader.channels(), (int) Math.round(reader.info().durationSeconds() * rate));
                AudioBuffer block = new AudioBuffer(reader.channels(), 4096);
                int at = 0;
                for (int n; (n = reader.read(block)) > 0; at += n) {
                    for (int c = 0; c < block.channels(); c++) {
                        System.arraycopy(block.channel(c), 0, audio.channel(c), at, n);
                    }
                }
                audio.setFrames(at);
            }
            int fade = rate / 5;
            for (int c = 0; c < audio.channels(); c++) {
                for (int i = 0; i < fade; i++) {
                    audio.channel(c)[audio.frames() - fade + i] *= (float) (1 - (i + 1) / (double) fade);
                }
            }
            AudioWriter.write(file, encoding, rate, audio);
        }
    }

    /** The first plan, as float output so that only the rendering differs, not a dither. */
    private static MixPlan base() {
        return RendererTest.plan(-16, 32);
    }

    /** Every kind of change a revision may make: faders, pan, EQ gains, new bands, dynamics, target. */
    private static MixPlan revised(MixPlan base) {
        List<TrackPlan> tracks = new ArrayList<>();
        for (TrackPlan t : base.tracks()) {
            List<EqBand> eq = new ArrayList<>();
            for (EqBand band : t.eq()) {
                eq.add(band.type().equals("peaking")
                        ? new EqBand("peaking", band.frequencyHz(), band.q(), band.gainDb() + 4, 12, "user") : band);
            }
            eq.add(new EqBand("lowShelf", 120, 0.7071, -2.5, 12, "user: less low end"));
            CompressorMove compressor = t.id().equals("pad")
                    ? new CompressorMove(-30, 3, 10, 150, 6, 0, "rms", 0, "user: squash the pad") : t.compressor();
            tracks.add(new TrackPlan(t.id(), t.stem(), t.role(), t.muted(),
                    new GainMove(t.gain().gainDb() + (t.id().equals("bass") ? 4 : -1), false, "user"),
                    new PanMove(t.id().equals("vox") ? -0.4 : t.pan().position(), t.pan().width(), "user"),
                    eq, t.gate(), compressor, t.deEsser(), t.sends()));
        }
        return new MixPlan(1, new Target(-12, -1.5, 48_000, 32, "user: louder"), tracks, base.buses(), base.master());
    }

    @Test
    void aRevisionRenderedFromTheSourcesEqualsTheSameRevisionRenderedFromTheStems() throws Exception {
        MixPlan base = base();
        Path sources = out.resolve("sources");
        new Renderer(2).render(base, stems, out.resolve("first.wav"), null, sources);

        MixPlan revision = revised(base);
        Path direct = out.resolve("direct.wav");
        Path fromSources = out.resolve("revision.wav");
        new Renderer(2).render(revision, stems, direct, null);
        new Renderer(2).render(RevisionPlans.renderable(base, revision), sources, fromSources, null);

        double[] difference = differenceDb(direct, fromSources);
        // The loudness normalisation stops within its own tolerance, so the two files may differ by a
        // tiny gain; within that, only float rounding differs (the source is stored as 32-bit float and the
        // EQ runs in another order): -80 dB below the mix is far under audibility.
        assertEquals(0, difference[1], 2 * Renderer.LOUDNESS_TOLERANCE_LU, "gain between the two, dB");
        assertTrue(difference[0] < -80, "RMS difference after gain matching " + difference[0] + " dB relative to the mix");
    }

    @Test
    void refusesWhatTheSourcesCannotUndo() {
        MixPlan base = base();
        List<TrackPlan> noHighPass = new ArrayList<>(base.tracks());
        TrackPlan bass = noHighPass.get(1);
        noHighPass.set(1, new TrackPlan(bass.id(), bass.stem(), bass.role(), false, bass.gain(), bass.pan(), List.of(),
                null, bass.compressor(), null, bass.sends()));
        MixPlanException highPass = assertThrows(MixPlanException.class, () -> RevisionPlans.renderable(base,
                new MixPlan(1, base.target(), noHighPass, base.buses(), base.master())));
        assertTrue(highPass.getMessage().contains("tracks[1].eq"), highPass.getMessage());

        List<TrackPlan> newGate = new ArrayList<>(base.tracks());
        TrackPlan vox = newGate.get(2);
        newGate.set(2, new TrackPlan(vox.id(), vox.stem(), vox.role(), false, vox.gain(), vox.pan(), vox.eq(),
                new MixPlan.GateMove(-40, 2, 20, 1, 20, 100, "harder"), null, vox.deEsser(), vox.sends()));
        MixPlanException gate = assertThrows(MixPlanException.class, () -> RevisionPlans.renderable(base,
                new MixPlan(1, base.target(), newGate, base.buses(), base.master())));
        assertTrue(gate.getMessage().contains("tracks[2].gate"), gate.getMessage());

        MixPlanException fewer = assertThrows(MixPlanException.class, () -> RevisionPlans.renderable(base,
                new MixPlan(1, base.target(), base.tracks().subList(0, 3), base.buses(), base.master())));
        assertTrue(fewer.getMessage().startsWith("tracks"), fewer.getMessage());
    }

    @Test
    void anUnchangedPlanNeedsNoEqAtAll() throws Exception {
        MixPlan base = base();
        MixPlan renderable = RevisionPlans.renderable(base, base);
        for (TrackPlan track : renderable.tracks()) {
            assertEquals(List.of(), track.eq());
            assertEquals(null, track.gate());
        }
        assertEquals(RevisionPlans.sourceName(2), renderable.tracks().get(2).stem());
    }

    /** {RMS of a - g·b in dB relative to the RMS of a, g in dB}, g the least-squares gain. */
    static double[] differenceDb(Path a, Path b) throws Exception {
        double aa = 0;
        double ab = 0;
        double bb2 = 0;
        try (AudioReader ra = AudioReader.open(a); AudioReader rb = AudioReader.open(b)) {
            assertEquals(ra.info().durationSeconds(), rb.info().durationSeconds(), 1e-6, "same length");
            AudioBuffer ba = new AudioBuffer(2, 4096);
            AudioBuffer bb = new AudioBuffer(2, 4096);
            while (true) {
                int na = ra.read(ba);
                int nb = rb.read(bb);
                assertEquals(na, nb);
                if (na <= 0) {
                    break;
                }
                for (int c = 0; c < 2; c++) {
                    for (int i = 0; i < na; i++) {
                        double x = ba.channel(c)[i];
                        double y = bb.channel(c)[i];
                        aa += x * x;
                        ab += x * y;
                        bb2 += y * y;
                    }
                }
            }
        }
        double gain = ab / bb2;
        double error = aa - 2 * gain * ab + gain * gain * bb2;
        return new double[] {10 * Math.log10(Math.max(error, 1e-30) / aa), 20 * Math.log10(gain)};
    }
}
