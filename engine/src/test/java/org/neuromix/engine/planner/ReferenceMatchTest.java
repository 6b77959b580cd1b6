package org.neuromix.engine.planner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.neuromix.engine.analysis.StemAnalysis;
import org.neuromix.engine.analysis.StemAnalyzer;
import org.neuromix.engine.audio.AudioBuffer;
import org.neuromix.engine.audio.ProcessSpec;
import org.neuromix.engine.dsp.BiquadFilter;
import org.neuromix.engine.dsp.FilterType;
import org.neuromix.engine.dsp.Gain;
import org.neuromix.engine.io.AudioEncoding;
import org.neuromix.engine.io.AudioFileException;
import org.neuromix.engine.io.AudioReader;
import org.neuromix.engine.io.AudioWriter;
import org.neuromix.engine.plan.DeliveryTarget;
import org.neuromix.engine.plan.MixPlan;
import org.neuromix.engine.render.Renderer;
import org.neuromix.engine.train.GervillRenderer;
import org.neuromix.engine.train.SyntheticSessions;

class ReferenceMatchTest {
    @TempDir
    Path directory;

    @Test
    void matchesLoudnessAndBrightnessOfAReference() throws Exception {
        Path stems = directory.resolve("stems");
        List<Path> files = SyntheticSessions.write(31, 4, GervillRenderer.pinned(), stems);
        MixPlan plan = Planner.plan(stems, files, DeliveryTarget.parse("spotify"), Map.of()).plan();
        Path first = directory.resolve("first.wav");
        new Renderer(2).render(plan, stems, first, null);
        // The reference: the same mix 6 dB brighter above 6 kHz and 5 dB quieter.
        Path reference = directory.resolve("reference.wav");
        try (AudioReader reader = AudioReader.open(first)) {
            AudioBuffer audio = new AudioBuffer(2, (int) Math.round(reader.info().durationSeconds() * 48_000));
            reader.read(audio);
            BiquadFilter shelf = new BiquadFilter(FilterType.HIGH_SHELF, 6000, 0.7071, 6);
            Gain quieter = new Gain(-5);
            ProcessSpec spec = new ProcessSpec(48_000, audio.frames(), 2);
            shelf.prepare(spec);
            quieter.prepare(spec);
            shelf.process(audio);
            quieter.process(audio);
            AudioWriter.write(reference, AudioEncoding.WAV_FLOAT_32, 48_000, audio);
        }
        StemAnalysis referenceAnalysis = StemAnalyzer.analyze(reference);
        ReferenceMatch.Match match = ReferenceMatch.apply(plan, stems, reference, directory.resolve("work"));
        assertEquals(referenceAnalysis.loudness().integratedLufs(), match.plan().target().loudnessLufs(), 0.06);
        MixPlan.EqBand high = match.plan().master().eq().stream().filter(b -> b.type().equals("highShelf")).findFirst()
                .orElseThrow(() -> new AssertionError("a high shelf: " + match.plan().master().eq()));
        assertTrue(high.gainDb() > 2, "brighter: " + high.gainDb());
        assertTrue(high.reason().contains("reference.wav"), high.reason());

        Path matched = directory.resolve("matched.wav");
        new Renderer(2).render(match.plan(), stems, matched, null);
        StemAnalysis after = StemAnalyzer.analyze(matched);
        StemAnalysis before = StemAnalyzer.analyze(first);
        double gapBefore = Math.abs(referenceAnalysis.bandEnergiesDb()[25] - before.bandEnergiesDb()[25]);
        double gapAfter = Math.abs(referenceAnalysis.bandEnergiesDb()[25] - after.bandEnergiesDb()[25]);
        assertTrue(gapAfter < gapBefore / 2, "10 kHz gap " + gapBefore + " → " + gapAfter);
        try (var listing = Files.list(directory.resolve("work"))) {
            assertEquals(0, listing.count(), "the trial render is removed");
        }
    }

    @Test
    void aReferenceThatIsNotAudioIsRefused() throws Exception {
        Path text = Files.writeString(directory.resolve("ref.wav"), "not audio");
        MixPlan plan = org.neuromix.engine.plan.MixPlans.neutralTemplate(List.of("x.wav"));
        AudioFileException error = assertThrows(AudioFileException.class,
                () -> ReferenceMatch.apply(plan, directory, text, directory.resolve("work")));
        assertTrue(error.getMessage().contains("ref.wav"), error.getMessage());
    }
}
